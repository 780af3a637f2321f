#!/usr/bin/env python3
"""Export torchvision's ImageNet-pretrained ResNet18 as an EUS Edge backbone (run on a machine with internet).

    python3 export_torchvision_resnet18.py resnet18-imagenet.onnx            # pretrained ImageNet weights
    python3 export_torchvision_resnet18.py --random-weights --seed 0 out.onnx  # same graph, seeded random weights

The graph stops at the global average pool and has two outputs, as the appliance needs them:
  features  N x 512        (pooled feature vector: the deep features of the method)
  layer4    N x 512 x 7 x 7 (last convolutional map: Grad-CAM)
BatchNorm is folded into the convolutions by the export (eval mode). Then, on the appliance or the training machine:
    ./eus-edge model import resnet18-imagenet.onnx --out models/resnet18-imagenet
    ./eus-edge train --cohort manifest.csv --backbone models/resnet18-imagenet/backbone.onnx --out bundles/site-v1
"""
import argparse

import torch
import torchvision


class PooledBackbone(torch.nn.Module):
    def __init__(self, net):
        super().__init__()
        self.body = torch.nn.Sequential(net.conv1, net.bn1, net.relu, net.maxpool,
                                        net.layer1, net.layer2, net.layer3, net.layer4)

    def forward(self, x):
        layer4 = self.body(x)
        features = torch.flatten(torch.nn.functional.adaptive_avg_pool2d(layer4, 1), 1)
        return features, layer4


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out")
    ap.add_argument("--random-weights", action="store_true", help="no download: seeded random weights")
    ap.add_argument("--seed", type=int, default=0)
    a = ap.parse_args()
    torch.manual_seed(a.seed)
    if a.random_weights:
        net = torchvision.models.resnet18(weights=None)
    else:
        net = torchvision.models.resnet18(weights=torchvision.models.ResNet18_Weights.IMAGENET1K_V1)
    model = PooledBackbone(net).eval()
    dynamic = {"input": {0: "batch"}, "features": {0: "batch"}, "layer4": {0: "batch"}}
    with torch.no_grad():
        torch.onnx.export(model, torch.zeros(1, 3, 224, 224), a.out, input_names=["input"],
                          output_names=["features", "layer4"], dynamic_axes=dynamic, opset_version=17,
                          do_constant_folding=True)
    print("wrote", a.out)


if __name__ == "__main__":
    main()

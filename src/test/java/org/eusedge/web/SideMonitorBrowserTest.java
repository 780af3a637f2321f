package org.eusedge.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Mouse;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.BoundingBox;
import com.microsoft.playwright.options.WaitForSelectorState;
import org.eusedge.imaging.PolygonRoi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The side monitor in a real headless Chromium (Debian's, driven by Playwright): live frames, FREEZE with the space
 * bar, a polygon drawn by clicks on the lesion, the form, SCORE and the result panel. Screenshots go to
 * target/side-monitor/ for a person to look at.
 */
class SideMonitorBrowserTest {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path SHOTS = Path.of("target", "side-monitor");
    @TempDir static Path tmp;
    static RunningAppliance app;
    static Playwright playwright;
    static Browser browser;

    @BeforeAll
    static void start() throws Exception {
        assertTrue(Files.isExecutable(CHROMIUM), "this test drives Debian's Chromium: apt-get install chromium");
        Files.createDirectories(SHOTS);
        app = RunningAppliance.start(tmp);
        playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions().setExecutablePath(CHROMIUM).setHeadless(true)
                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking")));
    }

    @AfterAll
    static void stop() {
        if (browser != null) browser.close();
        if (playwright != null) playwright.close();
        if (app != null) app.close();
    }

    @Test
    void freezeMarkFillAndScoreInTheBrowser() throws Exception {
        Page page = browser.newPage(new Browser.NewPageOptions().setViewportSize(1600, 900));
        page.navigate(app.base.toString());
        // the status bar is fed by server-sent events
        page.waitForFunction("id => document.getElementById('st-model').textContent.includes(id)", app.bundle.modelId());
        assertTrue(page.textContent("#st-source").startsWith("source: RUNNING"), page.textContent("#st-source"));
        assertEquals("RESEARCH USE ONLY (test)", page.textContent("#banner"));

        // live frames change under the operator's eyes
        Locator live = page.locator("#live");
        page.waitForFunction("() => document.getElementById('live').naturalWidth === " + RunningAppliance.WIDTH);
        byte[] first = live.screenshot();
        page.waitForTimeout(600);
        byte[] second = live.screenshot();
        assertFalse(Arrays.equals(first, second), "the live view did not change in 0.6 s");
        page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("1-live.png")));

        // FREEZE with the space bar
        page.keyboard().press(" ");
        page.waitForSelector("#frozen", new Page.WaitForSelectorOptions().setState(WaitForSelectorState.VISIBLE));
        page.waitForFunction("() => document.getElementById('frozen').naturalWidth === " + RunningAppliance.WIDTH);
        long frameId = ((Number) page.evaluate("() => state.frame.frame_id")).longValue();
        int strip = page.locator("#strip button").count();
        assertTrue(strip >= 1 && strip <= 8, "candidate strip has " + strip + " frames");
        assertEquals(1, page.locator("#strip button.selected").count());

        // a bow-tie outline is refused by the appliance, and the UI shows why; Clear starts again
        BoundingBox box = page.locator("#roi-canvas").boundingBox();
        double scale = box.width / RunningAppliance.WIDTH;
        assertEquals(box.height / RunningAppliance.HEIGHT, scale, 0.01, "the canvas keeps the frame's aspect ratio");
        for (double[] v : new double[][] {{50, 50}, {150, 150}, {150, 50}, {50, 150}}) {
            page.mouse().click(box.x + v[0] * scale, box.y + v[1] * scale);
        }
        page.click("#close-roi");
        page.waitForSelector("#error", new Page.WaitForSelectorOptions().setState(WaitForSelectorState.VISIBLE));
        assertTrue(page.textContent("#error").contains("SELF_INTERSECTING"), page.textContent("#error"));
        page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("2-refused-outline.png")));
        page.click("#clear");

        // the box assist: drag a box around the lesion, get an outline proposed, then start again by hand
        PolygonRoi lesion = app.source.outlineOf(frameId);
        var lb = lesion.bounds();
        int m = Math.max(6, lb.width() / 8);
        page.click("button.tool[data-tool=\"box\"]");
        page.mouse().move(box.x + (lb.x0() - m) * scale, box.y + (lb.y0() - m) * scale);
        page.mouse().down();
        page.mouse().move(box.x + (lb.x1() + m) * scale, box.y + (lb.y1() + m) * scale, new Mouse.MoveOptions().setSteps(4));
        page.mouse().up();
        page.waitForFunction("() => state.roi.closed && state.roi.points.length >= 8");
        page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("2-box-assist.png")));
        page.click("#clear");
        page.click("button.tool[data-tool=\"polygon\"]");

        // outline the lesion where the simulator put it: 12 of its vertices clicked, then the first again to close
        PolygonRoi truth = app.source.outlineOf(frameId);
        double[] xs = truth.xs(), ys = truth.ys();
        int step = Math.max(1, xs.length / 12);
        double firstX = 0, firstY = 0;
        for (int i = 0; i < xs.length; i += step) {
            double sx = box.x + xs[i] * scale, sy = box.y + ys[i] * scale;
            if (i == 0) {
                firstX = sx;
                firstY = sy;
            }
            page.mouse().click(sx, sy);
        }
        page.mouse().click(firstX, firstY);
        assertEquals(Boolean.TRUE, page.evaluate("() => state.roi.closed"));
        // undo reopens the outline, Close closes it again
        page.click("#undo");
        assertEquals(Boolean.FALSE, page.evaluate("() => state.roi.closed"));
        page.click("#close-roi");
        assertEquals(Boolean.TRUE, page.evaluate("() => state.roi.closed"));

        // Edit: drag the first vertex 10 screen px to the right
        page.click("button.tool[data-tool=\"edit\"]");
        double x0 = ((Number) page.evaluate("() => state.roi.points[0][0]")).doubleValue();
        page.mouse().move(firstX, firstY);
        page.mouse().down();
        page.mouse().move(firstX + 5, firstY, new Mouse.MoveOptions().setSteps(2));
        page.mouse().move(firstX + 10, firstY, new Mouse.MoveOptions().setSteps(2));
        page.mouse().up();
        double x1 = ((Number) page.evaluate("() => state.roi.points[0][0]")).doubleValue();
        assertEquals(10 / scale, x1 - x0, 0.5 / scale + 1e-6);

        // the max diameter is pre-filled from the outline's Feret diameter times the pixel spacing
        page.waitForFunction("() => document.querySelector('#clinical input[name=\"diameter\"]') === null"
                + " || document.querySelector('#clinical input[name=\"diameter\"]').value !== ''");
        @SuppressWarnings("unchecked")
        List<List<Number>> drawn = (List<List<Number>>) page.evaluate("() => state.roi.points");
        double feret = 0;
        for (List<Number> a : drawn) {
            for (List<Number> b : drawn) {
                feret = Math.max(feret, Math.hypot(a.get(0).doubleValue() - b.get(0).doubleValue(),
                        a.get(1).doubleValue() - b.get(1).doubleValue()));
            }
        }
        List<String> variables = app.bundle.pipeline().clinicalSignature().variables();
        if (variables.contains("diameter")) {
            // the UI rounds the vertices to 0.1 px before measuring, and shows one decimal
            double shown = Double.parseDouble(page.inputValue("#clinical input[name=\"diameter\"]"));
            assertEquals(feret * RunningAppliance.SPACING_MM, shown, 0.06);
        }

        // the form asks exactly the bundle's variables
        assertEquals(variables.size(), page.locator("#clinical .field").count());
        for (String v : variables) {
            if (page.locator("#clinical .choice[data-name=\"" + v + "\"]").count() == 1) {
                page.click("#clinical .choice[data-name=\"" + v + "\"] button[data-value=\"1\"]");
            } else if (v.equals("age")) {
                page.fill("#clinical input[name=\"age\"]", "-3");
            } else if (!v.equals("diameter")) {
                page.fill("#clinical input[name=\"" + v + "\"]", "1");
            }
        }
        if (variables.contains("age")) {
            // an impossible age is refused by the appliance and the message shown
            page.click("#score");
            page.waitForSelector("#error", new Page.WaitForSelectorOptions().setState(WaitForSelectorState.VISIBLE));
            assertTrue(page.textContent("#error").contains("'age' = -3.0 is impossible"), page.textContent("#error"));
            page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("2-refused.png")));
            page.fill("#clinical input[name=\"age\"]", "57");
        }

        page.click("#score");
        page.waitForSelector("#result", new Page.WaitForSelectorOptions().setState(WaitForSelectorState.VISIBLE));
        JsonNode audited = app.audit.recent(1).getFirst().record().outputs();
        assertEquals(frameId, audited.get("frame_id").asLong());
        double p = audited.get("probability").asDouble();
        assertEquals(String.format(Locale.ROOT, "%.1f %%", 100 * p), page.textContent("#prob-value"));
        assertTrue(page.textContent("#decision").startsWith(audited.get("decision").asText()));
        // the explanation: the Grad-CAM overlay loaded at the frame's size, one SHAP bar per audited contribution
        page.waitForFunction("() => document.getElementById('frozen').src.endsWith('/gradcam.png')"
                + " && document.getElementById('frozen').complete && document.getElementById('frozen').naturalWidth === " + RunningAppliance.WIDTH);
        JsonNode ex = audited.get("explanation");
        int bars = 0;
        for (String part : List.of("deep_signature", "nomogram")) {
            JsonNode shap = ex.get(part);
            bars += shap.get("top").size() + (shap.get("features").asInt() > shap.get("top").size() && shap.get("others").asDouble() != 0 ? 1 : 0);
        }
        assertEquals(bars, page.locator("#shap .shap-row").count());
        JsonNode topDeep = ex.get("deep_signature").get("top").get(0);
        assertTrue(page.textContent("#shap").contains(topDeep.get("feature").asText()), page.textContent("#shap"));
        assertEquals(topDeep.get("shap").asDouble() >= 0 ? 1 : 0, page.locator("#shap .shap-group").first().locator(".shap-row").first().locator(".up").count());
        // the patient's points: one mark per nomogram predictor, one on total points, one on the probability axis
        int predictors = app.bundle.pipeline().nomogram().predictors().size();
        assertEquals(predictors + 2, page.locator("#nomogram circle.mark").count());
        page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("3-result.png")));
        page.locator("#shap").scrollIntoViewIfNeeded();
        page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("3-result-shap.png")));
        // the heat map can be hidden to look at the plain frame, and shown again
        page.click("#heat-toggle");
        page.waitForFunction("() => document.getElementById('frozen').src.endsWith('.jpg')");
        page.click("#heat-toggle");
        page.waitForFunction("() => document.getElementById('frozen').src.endsWith('/gradcam.png')");

        // the records view lists the scoring; the pathology entered there reaches the audit store
        String scoringId = app.audit.recent(1).getFirst().record().scoringId();
        Page records = browser.newPage(new Browser.NewPageOptions().setViewportSize(1600, 900));
        records.navigate(app.base.resolve("records.html").toString());
        Locator row = records.locator("#records tr[data-id=\"" + scoringId + "\"]");
        row.waitFor();
        assertTrue(row.textContent().contains(String.format(Locale.ROOT, "%.1f %%", 100 * p)), row.textContent());
        row.locator("input").fill("PNET");
        var saved = records.waitForResponse(r -> r.url().endsWith("/pathology"), () -> row.locator("button").click());
        assertEquals(200, saved.status(), saved.text());
        assertEquals("PNET", app.audit.find(scoringId).orElseThrow().pathology().orElseThrow().pathology());
        records.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("4-records.png")));
        records.close();

        // back to live with the space bar
        page.keyboard().press(" ");
        page.waitForSelector("#live", new Page.WaitForSelectorOptions().setState(WaitForSelectorState.VISIBLE));
        // the configured foot-switch key freezes too
        page.keyboard().press("F8");
        page.waitForSelector("#frozen", new Page.WaitForSelectorOptions().setState(WaitForSelectorState.VISIBLE));
        assertTrue(((Number) page.evaluate("() => state.frame.frame_id")).longValue() > frameId);
        page.close();
    }
}

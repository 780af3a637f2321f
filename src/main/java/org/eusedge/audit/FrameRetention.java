package org.eusedge.audit;

/** What the audit store keeps of each scored frame. */
public enum FrameRetention {
    /** The PNG bytes and their SHA-256. */
    PNG,
    /** Only the SHA-256: the image itself is not kept (privacy policy of some sites). */
    SHA256_ONLY
}

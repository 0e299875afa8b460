package dev.memscope.app.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;

/**
 * Starts JavaFX for the command line on Monocle's headless platform (software rendering, no display, no GTK), the
 * same way the tests render, so a report made in a terminal, over ssh or in CI has the pictures a desktop would give.
 * The properties must be set before the toolkit starts; if it is already running (a test), it is used as it is.
 */
final class HeadlessFx {
    private HeadlessFx() {
    }

    /** @param width the widest window to be shown (Monocle's screen must hold it) */
    static void start(int width, int height) throws InterruptedException {
        setIfAbsent("headless.geometry", Math.max(1920, width) + "x" + Math.max(1200, height));
        setIfAbsent("glass.platform", "Monocle");
        setIfAbsent("monocle.platform", "Headless");
        setIfAbsent("prism.order", "sw");
        setIfAbsent("prism.text", "t2k");
        setIfAbsent("java.awt.headless", "true");
        CountDownLatch up = new CountDownLatch(1);
        try {
            Platform.startup(up::countDown);
        } catch (IllegalStateException alreadyRunning) {
            up.countDown();
        }
        if (!up.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("JavaFX did not start within 30 s");
        }
        Platform.setImplicitExit(false);
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}

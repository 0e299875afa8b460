package dev.memscope.app.cli;

import picocli.CommandLine.IVersionProvider;

/** Memscope's version (from the jar manifest when packaged) and the JDK it runs on. */
public final class VersionProvider implements IVersionProvider {
    public static String memscopeVersion() {
        String v = VersionProvider.class.getPackage().getImplementationVersion();
        return v == null ? "0.1.0-SNAPSHOT" : v;
    }

    @Override
    public String[] getVersion() {
        return new String[] {"Memscope " + memscopeVersion(),
            "JDK " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"};
    }
}

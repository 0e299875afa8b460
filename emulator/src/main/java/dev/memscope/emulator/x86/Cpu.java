package dev.memscope.emulator.x86;

/** The x86-64 CPU. (Placeholder until the emulator lands; see issue 3.) */
public final class Cpu {
}

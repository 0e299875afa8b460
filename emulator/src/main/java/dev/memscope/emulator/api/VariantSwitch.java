package dev.memscope.emulator.api;

/**
 * A live switch of the hole variant at a stop (the VMM swapped the hole's memslots there): where it happened, named as
 * a stop position, and from which variant to which. Replaying a run means loading with the first {@code from}, running
 * to each switch's {@code at}, switching, and so on.
 *
 * @param exact whether {@code at} names the stop exactly (false: the nearest earlier position the machine can name)
 */
public record VariantSwitch(StopAt at, boolean exact, HoleVariant from, HoleVariant to) {
}

package dev.memscope.views.workbench;

/** A guest the picker offers: its catalog name and one-line description. */
public record GuestChoice(String name, String description) {
    @Override
    public String toString() {
        return name;
    }
}

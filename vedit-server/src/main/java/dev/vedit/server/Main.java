package dev.vedit.server;

/** Entry point of the vedit program. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.out.println("vedit");
    }
}

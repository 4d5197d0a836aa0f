package io.aigw.loader.conformance;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** The checks as they happen, one line each, printed at once (a hanging plugin still shows how far it got). */
final class Report {

    private final PrintStream out;
    private final List<Check> checks = new ArrayList<>();

    Report(PrintStream out) {
        this.out = out;
    }

    void pass(String name, String detail) {
        add(new Check(name, Verdict.PASS, detail));
    }

    void warn(String name, String detail) {
        add(new Check(name, Verdict.WARN, detail));
    }

    void skip(String name, String detail) {
        add(new Check(name, Verdict.SKIP, detail));
    }

    void fail(String name, String detail) {
        add(new Check(name, Verdict.FAIL, detail));
    }

    /** A note that belongs to no check (e.g. what the plugin printed). */
    void note(String text) {
        out.println(text);
        out.flush();
    }

    boolean violated() {
        return checks.stream().anyMatch(c -> c.verdict() == Verdict.FAIL);
    }

    List<Check> checks() {
        return List.copyOf(checks);
    }

    /**
     * The closing line. Deliberately not shaped "N passed, N failed": test runners' log readers
     * take that shape for a test suite's summary.
     */
    void summary() {
        out.printf("%n%s: %d violation(s), %d check(s) passed, %d warning(s), %d skipped%n",
                violated() ? "VIOLATES the plugin contract" : "conforms to the plugin contract",
                count(Verdict.FAIL), count(Verdict.PASS), count(Verdict.WARN), count(Verdict.SKIP));
        out.flush();
    }

    private long count(Verdict verdict) {
        return checks.stream().filter(c -> c.verdict() == verdict).count();
    }

    private void add(Check check) {
        checks.add(check);
        out.printf("%-4s  %-22s %s%n", check.verdict(), check.name(), check.detail());
        out.flush();
    }
}

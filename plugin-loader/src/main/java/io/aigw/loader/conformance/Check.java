package io.aigw.loader.conformance;

/** One line of a conformance report: which part of the contract, the verdict, and what was seen. */
record Check(String name, Verdict verdict, String detail) {
}

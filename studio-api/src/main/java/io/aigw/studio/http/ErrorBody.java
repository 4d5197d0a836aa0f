package io.aigw.studio.http;

/** Every error answer: {@code {"error": "..."}}. */
public record ErrorBody(String error) {
}

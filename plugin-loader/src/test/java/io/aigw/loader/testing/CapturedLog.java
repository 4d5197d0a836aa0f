package io.aigw.loader.testing;

import java.text.MessageFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Collects formatted JUL messages of one logger (and its children) during a test. */
public final class CapturedLog extends Handler implements AutoCloseable {

    private final Logger logger;
    private final List<String> lines = new CopyOnWriteArrayList<>();

    public CapturedLog(String loggerName) {
        this.logger = Logger.getLogger(loggerName);
        logger.addHandler(this);
    }

    public List<String> lines() {
        return List.copyOf(lines);
    }

    public boolean contains(String... fragments) {
        return lines.stream().anyMatch(l -> java.util.Arrays.stream(fragments).allMatch(l::contains));
    }

    @Override
    public void publish(LogRecord record) {
        Object[] params = record.getParameters();
        lines.add(record.getLevel() + " " + (params == null ? record.getMessage()
                : MessageFormat.format(record.getMessage(), params)));
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        logger.removeHandler(this);
    }
}

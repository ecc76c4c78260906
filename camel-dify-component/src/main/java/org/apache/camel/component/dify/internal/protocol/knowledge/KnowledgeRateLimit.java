/*
 * Licensed to the Apache Software Foundation (ASF) under one or more
 * contributor license agreements.  See the NOTICE file distributed with
 * this work for additional information regarding copyright ownership.
 * The ASF licenses this file to You under the Apache License, Version 2.0
 * (the "License"); you may not use this file except in compliance with
 * the License.  You may obtain a copy of the License at
 *
 *      http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */
package org.apache.camel.component.dify.internal.protocol.knowledge;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.LongSupplier;

import javax.sql.DataSource;

/**
 * A limit on the knowledge writes sent to Dify: at most {@code permits} in any sliding window of {@code window}, the
 * way Dify Cloud counts a workspace's knowledge requests (a sliding 60 s window, 10 / 100 / 1,000 by plan: Sandbox,
 * Professional, Team; langgenius/dify api/controllers/service_api/wraps.py, cloud_edition_billing_rate_limit_check).
 * Over the limit Dify answers 403 "Sorry, you have reached the knowledge base request rate limit of your
 * subscription."; with this limit a request waits for its slot instead.
 * <p>
 * {@link #reserve()} hands out slots, it never waits: the caller sends when its slot comes (on a timer), so no thread is
 * held. Slots are spaced a little wider than the window, because Dify counts arrivals, not departures.
 */
public final class KnowledgeRateLimit implements KnowledgeWriteLimit {

    /** Dify Cloud's plans and their knowledge request limits per minute. */
    public static final Map<String, Integer> PLANS = Map.of("sandbox", 10, "professional", 100, "team", 1000);

    // Dify counts a request when it arrives; a departure that is this much later than the window's start is safe
    private static final long MARGIN_MILLIS = 50;

    private final int permits;
    private final long windowMillis;
    private final LongSupplier clock;
    private final ArrayDeque<Long> slots = new ArrayDeque<>();

    public KnowledgeRateLimit(int permits, Duration window) {
        this(permits, window, System::currentTimeMillis);
    }

    KnowledgeRateLimit(int permits, Duration window, LongSupplier clock) {
        if (permits < 1 || window.isZero() || window.isNegative()) {
            throw new IllegalArgumentException("a knowledge rate limit needs at least 1 request per positive window");
        }
        this.permits = permits;
        this.windowMillis = window.toMillis();
        this.clock = clock;
    }

    /**
     * Reads a limit: a plan ({@code sandbox}, {@code professional}, {@code team}), a number of requests per minute, or
     * {@code <requests>/<window>} with the window in ISO-8601 or as {@code 30s}, {@code 2m}, {@code 500ms}.
     *
     * @param  option                   the name of the option the text comes from, for the error message
     * @throws IllegalArgumentException naming the option and the valid forms when the text is none of them
     */
    public static KnowledgeRateLimit parse(String text, String option) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        Integer plan = PLANS.get(value);
        if (plan != null) {
            return new KnowledgeRateLimit(plan, Duration.ofMinutes(1));
        }
        try {
            int slash = value.indexOf('/');
            if (slash < 0) {
                return new KnowledgeRateLimit(Integer.parseInt(value), Duration.ofMinutes(1));
            }
            return new KnowledgeRateLimit(Integer.parseInt(value.substring(0, slash).trim()),
                    window(value.substring(slash + 1).trim()));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("the option " + option + " is '" + text + "'; valid values: sandbox (10"
                    + " per minute), professional (100), team (1000), a number of knowledge writes per minute, or"
                    + " <writes>/<window> such as 20/30s");
        }
    }

    private static Duration window(String text) {
        if (text.startsWith("p")) {
            return Duration.parse(text.toUpperCase(Locale.ROOT));
        }
        if (text.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
        }
        long amount = Long.parseLong(text.substring(0, text.length() - 1));
        return switch (text.charAt(text.length() - 1)) {
            case 's' -> Duration.ofSeconds(amount);
            case 'm' -> Duration.ofMinutes(amount);
            case 'h' -> Duration.ofHours(amount);
            default -> throw new IllegalArgumentException(text);
        };
    }

    /**
     * This limit shared by every instance that uses {@code dataSource} with the same {@code name}
     * ({@link JdbcKnowledgeRateLimit}); its JDBC calls run on {@code executor}.
     */
    public KnowledgeWriteLimit sharedIn(DataSource dataSource, String name, Executor executor) {
        return new JdbcKnowledgeRateLimit(this, dataSource, name, executor);
    }

    @Override
    public CompletableFuture<Long> nextSlot() {
        return CompletableFuture.completedFuture(reserve());
    }

    /** Takes the next free slot: how many milliseconds from now the request may be sent (0: at once). */
    public synchronized long reserve() {
        long now = now();
        while (!slots.isEmpty() && slots.peekFirst() <= oldestKept(now)) {
            slots.pollFirst();
        }
        long slot = slotAfter(now, slots.size() >= permits ? slots.toArray(Long[]::new)[slots.size() - permits] : null);
        slots.addLast(slot);
        return slot - now;
    }

    /** The time slots are counted in, epoch milliseconds. */
    long now() {
        return clock.getAsLong();
    }

    /** Slots at or before this time have left the window of a request sent at {@code now}. */
    long oldestKept(long now) {
        return now - windowMillis - MARGIN_MILLIS;
    }

    /**
     * The slot of a request at {@code now}: at once, or, when {@code permits} slots are taken in the window, once the
     * {@code permits}-th newest of them ({@code blocking}) has left it.
     */
    long slotAfter(long now, Long blocking) {
        return blocking == null ? now : Math.max(now, blocking + windowMillis + MARGIN_MILLIS);
    }

    public int permits() {
        return permits;
    }

    public Duration window() {
        return Duration.ofMillis(windowMillis);
    }

    @Override
    public String toString() {
        return permits + " knowledge writes per " + window();
    }
}

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
package org.apache.camel.component.dify.internal.protocol.transport;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Reads an HTTP {@code Retry-After} header (RFC 9110 section 10.2.3): delay seconds, or an HTTP date. */
final class RetryAfter {

    private RetryAfter() {
    }

    /** The delay in milliseconds (0 for a date in the past), or -1 when the value is neither form. */
    static long parseMillis(String value) {
        String text = value == null ? "" : value.trim();
        if (text.isEmpty()) {
            return -1;
        }
        try {
            long seconds = Long.parseLong(text);
            return seconds < 0 ? -1 : Math.multiplyExact(seconds, 1000L);
        } catch (NumberFormatException | ArithmeticException e) {
            // an HTTP date, below
        }
        try {
            ZonedDateTime at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME);
            return Math.max(0, Duration.between(ZonedDateTime.now(at.getZone()), at).toMillis());
        } catch (DateTimeParseException e) {
            return -1;
        }
    }
}

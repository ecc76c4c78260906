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
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The sliding window of the knowledge write limit, on a clock the test moves. */
class KnowledgeRateLimitTest {

    private final AtomicLong now = new AtomicLong(1_000_000);

    @Test
    void writesWithinTheLimitGoAtOnceAndTheNextWaitsUntilTheFirstLeftTheWindow() {
        KnowledgeRateLimit limit = new KnowledgeRateLimit(3, Duration.ofSeconds(60), now::get);

        assertThat(limit.reserve()).isZero();
        now.addAndGet(1000);
        assertThat(limit.reserve()).isZero();
        assertThat(limit.reserve()).isZero();
        // the fourth may go when the first (1 s ago) is 60 s old, plus the margin for arrival
        assertThat(limit.reserve()).isEqualTo(59_000 + 50);
        // and the fifth when the second is
        assertThat(limit.reserve()).isEqualTo(60_000 + 50);
    }

    @Test
    void slotsFreeAgainOnceTheWindowHasPassed() {
        KnowledgeRateLimit limit = new KnowledgeRateLimit(2, Duration.ofSeconds(1), now::get);
        limit.reserve();
        limit.reserve();

        now.addAndGet(1051);

        assertThat(limit.reserve()).isZero();
        assertThat(limit.reserve()).isZero();
    }

    @Test
    void plansNumbersAndWindowsAreRead() {
        assertThat(KnowledgeRateLimit.parse("sandbox", "o").permits()).isEqualTo(10);
        assertThat(KnowledgeRateLimit.parse("Professional", "o").permits()).isEqualTo(100);
        assertThat(KnowledgeRateLimit.parse("team", "o").window()).isEqualTo(Duration.ofMinutes(1));
        assertThat(KnowledgeRateLimit.parse("42", "o").permits()).isEqualTo(42);
        KnowledgeRateLimit custom = KnowledgeRateLimit.parse("20/30s", "o");
        assertThat(custom.permits()).isEqualTo(20);
        assertThat(custom.window()).isEqualTo(Duration.ofSeconds(30));
        assertThat(KnowledgeRateLimit.parse("5/PT2M", "o").window()).isEqualTo(Duration.ofMinutes(2));
        assertThat(KnowledgeRateLimit.parse("5/500ms", "o").window()).isEqualTo(Duration.ofMillis(500));
        assertThatThrownBy(() -> KnowledgeRateLimit.parse("0/1s", "knowledgeRateLimit"))
                .hasMessageContaining("knowledgeRateLimit");
    }
}

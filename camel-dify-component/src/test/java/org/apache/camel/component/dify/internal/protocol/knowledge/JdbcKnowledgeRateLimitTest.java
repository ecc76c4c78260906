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
import java.util.concurrent.CompletionException;

import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The shared knowledge rate limit when its database cannot be reached: the write fails, naming the option, instead of
 * going out unlimited. (Its slots on a real database: DifySeveralInstancesTest.)
 */
class JdbcKnowledgeRateLimitTest {

    @Test
    void aDatabaseThatCannotBeReachedFailsTheWriteNamingTheOption() {
        PGSimpleDataSource nowhere = new PGSimpleDataSource();
        nowhere.setUrl("jdbc:postgresql://127.0.0.1:1/none?connectTimeout=5");
        JdbcKnowledgeRateLimit limit = new JdbcKnowledgeRateLimit(new KnowledgeRateLimit(5, Duration.ofSeconds(1)),
                nowhere, "workspace-a", Runnable::run);

        Throwable failure = catchThrowable(() -> limit.nextSlot().join());

        assertThat(failure).isInstanceOf(CompletionException.class);
        assertThat(failure.getCause()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("knowledgeRateLimitDataSource")
                .hasMessageContaining("workspace-a");
    }
}

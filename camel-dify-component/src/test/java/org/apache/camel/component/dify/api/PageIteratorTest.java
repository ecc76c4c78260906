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
package org.apache.camel.component.dify.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PageIteratorTest {

    private static Map<String, Object> page(boolean hasMore, String... ids) {
        return Map.of("has_more", hasMore, "data", List.of(ids));
    }

    @Test
    void theItemsOfAPageComeBeforeTheFailureOfTheNextOne() {
        DifyException failure = new DifyException("listConversations", 500, "internal_server_error", "down",
                null, null);
        PageIterator items = new PageIterator(page(true, "a", "b"), p -> "b",
                cursor -> CompletableFuture.failedFuture(failure));

        assertThat(items.next()).isEqualTo("a");
        assertThat(items.next()).isEqualTo("b");
        assertThatThrownBy(items::hasNext).isSameAs(failure);
    }

    @Test
    void theNextPageIsRequestedOnceAndClosingCancelsIt() {
        List<String> requested = new ArrayList<>();
        CompletableFuture<Object> pending = new CompletableFuture<>();
        PageIterator items = new PageIterator(page(true, "a"), p -> "a", cursor -> {
            requested.add(cursor);
            return pending;
        });

        assertThat(requested).containsExactly("a");
        items.close();

        assertThat(pending).isCancelled();
        assertThat(items.hasNext()).isFalse();
    }
}

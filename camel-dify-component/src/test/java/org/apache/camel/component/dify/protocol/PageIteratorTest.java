package org.apache.camel.component.dify.protocol;

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

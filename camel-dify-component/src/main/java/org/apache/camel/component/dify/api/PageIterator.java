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

import java.io.Closeable;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

/**
 * The items of all pages of a Dify list, read lazily: the items ({@code data}) of one page at a time, the next page
 * requested as soon as the current one arrives, so at most two pages are held whatever the list's length. A failed
 * page request surfaces from {@link #hasNext()} as the {@link DifyException} it was.
 * <p>
 * Two guards against a list that does not end, as Dify's official Python SDK has: the iteration stops when a page
 * names a cursor already used (a server that loops), and fails with {@link TooManyItems} once more than the item cap
 * would be read.
 */
public final class PageIterator implements Iterator<Object>, Closeable {

    private final Function<Map<?, ?>, String> nextCursor;
    private final Function<String, CompletableFuture<Object>> fetch;
    private final long maxItems;
    private final Set<String> cursorsUsed = new HashSet<>();
    private Iterator<?> items = Collections.emptyIterator();
    private CompletableFuture<Object> nextPage;
    private long read;

    /** More items than the cap: the list goes on past what the caller allowed. */
    public static final class TooManyItems extends IllegalStateException {

        private static final long serialVersionUID = 1L;

        TooManyItems(long maxItems) {
            super("the Dify list has more than " + maxItems + " items (allPagesMaxItems): raise allPagesMaxItems,"
                    + " or narrow the list with filters in CamelDifyParameters");
        }
    }

    /**
     * @param firstPage  the first page, already fetched
     * @param nextCursor the cursor of the page after a given page, or {@code null} on the last page
     * @param fetch      requests the page at a cursor
     */
    public PageIterator(Object firstPage, Function<Map<?, ?>, String> nextCursor,
            Function<String, CompletableFuture<Object>> fetch) {
        this(firstPage, nextCursor, fetch, Long.MAX_VALUE);
    }

    /**
     * @param firstPage  the first page, already fetched
     * @param nextCursor the cursor of the page after a given page, or {@code null} on the last page
     * @param fetch      requests the page at a cursor
     * @param maxItems   the most items read; one more fails with {@link TooManyItems}
     */
    public PageIterator(Object firstPage, Function<Map<?, ?>, String> nextCursor,
            Function<String, CompletableFuture<Object>> fetch, long maxItems) {
        this.nextCursor = nextCursor;
        this.fetch = fetch;
        this.maxItems = maxItems;
        accept(firstPage);
    }

    @Override
    public synchronized boolean hasNext() {
        while (!items.hasNext() && nextPage != null) {
            CompletableFuture<Object> pending = nextPage;
            nextPage = null;
            accept(await(pending));
        }
        return items.hasNext();
    }

    @Override
    public synchronized Object next() {
        if (!hasNext()) {
            throw new NoSuchElementException("no more items in the Dify list");
        }
        if (read >= maxItems) {
            close();
            throw new TooManyItems(maxItems);
        }
        read++;
        return items.next();
    }

    /** Stops reading: a page still being fetched is cancelled. */
    @Override
    public synchronized void close() {
        if (nextPage != null) {
            nextPage.cancel(true);
            nextPage = null;
        }
        items = Collections.emptyIterator();
    }

    private void accept(Object page) {
        if (!(page instanceof Map<?, ?> map)) {
            return;
        }
        items = map.get("data") instanceof List<?> data ? data.iterator() : Collections.emptyIterator();
        String cursor = nextCursor.apply(map);
        // a cursor given twice would read the same pages again and again
        nextPage = cursor == null || !cursorsUsed.add(cursor) ? null : fetch.apply(cursor);
    }

    private static Object await(CompletableFuture<Object> page) {
        try {
            return page.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw e;
        } catch (CancellationException e) {
            throw new IllegalStateException("the Dify list was closed while reading", e);
        }
    }
}

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
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

/**
 * The items of all pages of a Dify list, read lazily: the items ({@code data}) of one page at a time, the next page
 * requested as soon as the current one arrives, so at most two pages are held whatever the list's length. A failed
 * page request surfaces from {@link #hasNext()} as the {@link DifyException} it was.
 */
public final class PageIterator implements Iterator<Object>, Closeable {

    private final Function<Map<?, ?>, String> nextCursor;
    private final Function<String, CompletableFuture<Object>> fetch;
    private Iterator<?> items = Collections.emptyIterator();
    private CompletableFuture<Object> nextPage;

    /**
     * @param firstPage  the first page, already fetched
     * @param nextCursor the cursor of the page after a given page, or {@code null} on the last page
     * @param fetch      requests the page at a cursor
     */
    public PageIterator(Object firstPage, Function<Map<?, ?>, String> nextCursor,
            Function<String, CompletableFuture<Object>> fetch) {
        this.nextCursor = nextCursor;
        this.fetch = fetch;
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
        nextPage = cursor == null ? null : fetch.apply(cursor);
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

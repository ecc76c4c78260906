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
package org.apache.camel.component.dify.internal.protocol.api;

import java.util.List;
import java.util.Map;

/** How a Dify list names its next page. */
public enum Cursor {

    /** Not a paged list. */
    NONE(null),
    /** {@code last_id}: the id of the page's last item (lists that go forward). */
    LAST("last_id"),
    /** {@code first_id}: the id of the page's first item (message history, which goes backward). */
    FIRST("first_id"),
    /** {@code page}: page-numbered lists; the cursor is the next page number. */
    PAGE("page"),
    /**
     * {@code cursor}: the Agent Knowledge Base's lists, whose page names the next one in {@code next_cursor} (null on
     * the last page).
     */
    NEXT_CURSOR("cursor");

    private final String parameter;

    Cursor(String parameter) {
        this.parameter = parameter;
    }

    /** The query parameter that carries the cursor, or {@code null} for {@link #NONE}. */
    public String parameter() {
        return parameter;
    }

    /** The cursor of the page after {@code page}, or {@code null} when {@code page} is the last. */
    public String next(Map<?, ?> page) {
        if (this == NEXT_CURSOR) {
            Object next = page.get("next_cursor");
            return next instanceof String text && !text.isEmpty() ? text : null;
        }
        if (this == NONE || !Boolean.TRUE.equals(page.get("has_more"))) {
            return null;
        }
        if (this == PAGE) {
            return page.get("page") instanceof Number number ? String.valueOf(number.intValue() + 1) : null;
        }
        if (page.get("data") instanceof List<?> items && !items.isEmpty()) {
            Object item = this == LAST ? items.get(items.size() - 1) : items.get(0);
            if (item instanceof Map<?, ?> fields && fields.get("id") != null) {
                return String.valueOf(fields.get("id"));
            }
        }
        return null;
    }
}

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
package org.apache.camel.component.dify;

/**
 * How {@code retrieve} searches a knowledge base: Dify's {@code retrieval_model.search_method} (Dify docs
 * {@code /en/api-reference/knowledge-bases/retrieve-chunks-from-a-knowledge-base-test-retrieval}).
 */
public enum DifySearchMethod {
    /** Vector similarity of embeddings. */
    semantic_search,
    /** Full-text search. */
    full_text_search,
    /** Both, combined (by weights or a reranking model). */
    hybrid_search,
    /** Keyword index (economy indexing). */
    keyword_search
}

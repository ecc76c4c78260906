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
package org.apache.camel.component.dify.simulator;

/**
 * An External Knowledge API registered in the simulated workspace, as Dify's console registers one (Knowledge, External
 * Knowledge API): knowledge bases created with {@code provider} {@code external} and this {@code id} as
 * {@code external_knowledge_api_id} are answered by {@code POST <endpoint>/retrieval} with the bearer {@code apiKey}.
 *
 * @param id       the id to pass as {@code external_knowledge_api_id}
 * @param name     the display name ({@code external_knowledge_info.external_knowledge_api_name})
 * @param endpoint the endpoint, without {@code /retrieval}
 * @param apiKey   the key sent as {@code Authorization: Bearer}
 */
public record ExternalKnowledgeApi(String id, String name, String endpoint, String apiKey) {

    @Override
    public String toString() {
        return "ExternalKnowledgeApi[" + name + " at " + endpoint + "]";
    }
}

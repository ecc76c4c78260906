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

/** Whether a streamed run returns before its end, and what happens to the rest of its stream. */
public enum DifyDetachMode {
    /** The exchange waits for the answer (or its events). */
    none,
    /** Return once Dify named the task; the rest of the stream is read and discarded in the background. */
    drain,
    /** Return once Dify named the task; the connection is closed, the run goes on in Dify. */
    close
}

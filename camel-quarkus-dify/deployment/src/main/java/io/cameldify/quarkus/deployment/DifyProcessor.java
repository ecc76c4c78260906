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
package io.cameldify.quarkus.deployment;

import java.util.List;

import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.builditem.CombinedIndexBuildItem;
import io.quarkus.deployment.builditem.FeatureBuildItem;
import io.quarkus.deployment.builditem.IndexDependencyBuildItem;
import io.quarkus.deployment.builditem.nativeimage.ReflectiveClassBuildItem;
import org.jboss.jandex.ClassInfo;
import org.jboss.jandex.IndexView;

/**
 * Build steps of the Camel Quarkus extension for dify: the feature, and reflection for everything Jackson reads or
 * writes (the JSON records, the typed events, the enums), so the JSON mapping works in a native image too. Native mode
 * is not verified here (no GraalVM): DifyProcessorTest checks the registration covers every type the mapper reads.
 */
class DifyProcessor {

    private static final String FEATURE = "camel-dify";

    /**
     * The package (with its sub-packages) whose classes Jackson maps: Dify's JSON bodies, the events of its streams
     * ({@code api.event}), and what Dify sends to and reads from a route it calls (the extension points' requests and
     * moderation verdicts).
     */
    static final List<String> JSON_PACKAGES = List.of(
            "org.apache.camel.component.dify.api");

    @BuildStep
    FeatureBuildItem feature() {
        return new FeatureBuildItem(FEATURE);
    }

    @BuildStep
    IndexDependencyBuildItem indexComponent() {
        return new IndexDependencyBuildItem("io.cameldify", "camel-dify");
    }

    @BuildStep
    ReflectiveClassBuildItem jsonTypes(CombinedIndexBuildItem index) {
        return ReflectiveClassBuildItem.builder(jsonTypeNames(index.getIndex()).toArray(String[]::new))
                .constructors()
                .methods()
                .fields()
                .build();
    }

    /** Every class of the JSON packages, and the enums of the component's options. */
    static List<String> jsonTypeNames(IndexView index) {
        return index.getKnownClasses()
                .stream()
                .map(ClassInfo::name)
                .map(Object::toString)
                .filter(name -> JSON_PACKAGES.stream().anyMatch(p -> name.startsWith(p + "."))
                        || name.startsWith("org.apache.camel.component.dify.Dify") && isEnum(index, name))
                .sorted()
                .toList();
    }

    private static boolean isEnum(IndexView index, String name) {
        ClassInfo info = index.getClassByName(name);
        return info != null && info.isEnum();
    }
}

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
package io.cameldify.springboot;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.apache.camel.CamelContext;
import org.apache.camel.component.dify.DifyComponent;
import org.apache.camel.spring.boot.CamelAutoConfiguration;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.apache.camel.support.PropertyBindingSupport;
import org.apache.camel.util.StringHelper;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Configures the {@code dify} component from Spring Boot properties: every component option as
 * {@code camel.component.dify.<option>}, in kebab-case ({@code base-url}, {@code api-key}) or camelCase, including the
 * map options ({@code camel.component.dify.inputs.lang=en}). An option the component does not have fails the start,
 * naming it, instead of being ignored. {@code camel.component.dify.enabled=false} turns this off.
 */
@AutoConfiguration(after = CamelAutoConfiguration.class)
@ConditionalOnClass(DifyComponent.class)
@ConditionalOnProperty(name = "camel.component.dify.enabled", havingValue = "true", matchIfMissing = true)
public class DifyComponentAutoConfiguration {

    static final String PREFIX = "camel.component.dify";

    /** Keys under the prefix that belong to Spring Boot's conventions, not to the component. */
    private static final Set<String> NOT_OPTIONS = Set.of("enabled", "customizer.enabled");

    @Bean
    public CamelContextConfiguration difyComponentProperties(Environment environment) {
        return new CamelContextConfiguration() {

            @Override
            public void beforeApplicationStart(CamelContext camelContext) {
                Map<String, Object> options = options(environment);
                if (!options.isEmpty()) {
                    DifyComponent component = camelContext.getComponent("dify", DifyComponent.class);
                    PropertyBindingSupport.build()
                            .withCamelContext(camelContext)
                            .withTarget(component)
                            .withProperties(options)
                            .withMandatory(true)
                            .withIgnoreCase(true)
                            .bind();
                }
            }

            @Override
            public void afterApplicationStart(CamelContext camelContext) {
                // nothing to do once started
            }
        };
    }

    /** The component options set in Spring's environment, by Camel's option names. */
    static Map<String, Object> options(Environment environment) {
        Map<String, Object> nested = Binder.get(environment)
                .bind(PREFIX, Bindable.mapOf(String.class, Object.class))
                .orElse(Map.of());
        Map<String, Object> flat = new LinkedHashMap<>();
        flatten("", nested, flat);
        NOT_OPTIONS.forEach(flat::remove);
        Map<String, Object> options = new LinkedHashMap<>();
        flat.forEach((key, value) -> options.put(optionName(key), value));
        return options;
    }

    private static void flatten(String prefix, Map<?, ?> source, Map<String, Object> target) {
        source.forEach((key, value) -> {
            String name = prefix + key;
            if (value instanceof Map<?, ?> map) {
                flatten(name + ".", map, target);
            } else {
                target.put(name, value);
            }
        });
    }

    // base-url -> baseUrl; the key of a map option (inputs.my-var) keeps its own spelling
    private static String optionName(String key) {
        int dot = key.indexOf('.');
        String option = dot < 0 ? key : key.substring(0, dot);
        return StringHelper.dashToCamelCase(option) + (dot < 0 ? "" : key.substring(dot));
    }
}

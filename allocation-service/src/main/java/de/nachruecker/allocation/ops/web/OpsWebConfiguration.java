package de.nachruecker.allocation.ops.web;

import de.nachruecker.allocation.config.AllocationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
public class OpsWebConfiguration {

    @Bean
    FilterRegistrationBean<OpsKeyFilter> opsKeyFilter(AllocationProperties properties) {
        FilterRegistrationBean<OpsKeyFilter> registration =
                new FilterRegistrationBean<>(new OpsKeyFilter(properties.opsApiKey()));
        registration.addUrlPatterns("/api/ops/*");
        return registration;
    }
}

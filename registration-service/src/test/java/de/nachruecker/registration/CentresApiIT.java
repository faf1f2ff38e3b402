package de.nachruecker.registration;

import org.junit.jupiter.api.Test;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** A new API user finds the centre ids without reading the form's HTML. */
class CentresApiIT extends IntegrationTestBase {

    @Test
    void listsTheCataloguesCentresWithAddressAndPhoneWithoutSignIn() throws Exception {
        mvc.perform(get("/api/centres"))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Type", "application/json"))
                .andExpect(jsonPath("$.length()").value(10))
                .andExpect(jsonPath("$[0].id").value("korbach"))
                .andExpect(jsonPath("$[0].name").value("Impfzentrum Waldeck-Frankenberg"))
                .andExpect(jsonPath("$[0].address").value("Demo-Straße 1, 34497 Korbach"))
                .andExpect(jsonPath("$[0].phone").value("+49 30 23125 001"))
                .andExpect(jsonPath("$[0].demo").value(true))
                // the demo catalogue does not say which vaccines a centre gives: absent rather than a guess
                .andExpect(jsonPath("$[0].products").doesNotExist());
    }

    @Test
    void theOpenApiDocumentDescribesTheList() throws Exception {
        mvc.perform(get("/v3/api-docs"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.paths['/api/centres'].get.summary").value("List the vaccination centres"));
    }
}

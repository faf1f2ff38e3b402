package de.nachruecker.slot;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class SlotApplication {

    public static void main(String[] args) {
        SpringApplication.run(SlotApplication.class, args);
    }
}

package com.example.readme;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** A user's application outside ai.hyperware.ext, for the README's examples that are not in src/it. */
@SpringBootApplication
public class ReadmeApplication {
}

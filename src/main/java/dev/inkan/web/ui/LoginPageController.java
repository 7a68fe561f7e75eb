package dev.inkan.web.ui;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The login form; Spring Security's form login handles its POST and {@code /logout}. */
@Controller
class LoginPageController {

    @GetMapping("/login")
    String showLoginForm() {
        return "login";
    }
}

package dev.errand.platform.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The container's own errors (a missing login, a role the constraints refuse) as problem documents too;
 * web.xml routes them here.
 */
@WebServlet("/errors")
public class ErrorServlet extends HttpServlet {

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer i ? i : response.getStatus();
        String detail = switch (status) {
            case 401 -> "log in first (HTTP Basic)";
            case 403 -> "your account may not do this";
            case 404 -> "no such resource";
            case 429 -> "too many failed logins; try again after the seconds in Retry-After";
            default -> status >= 500 ? "unexpected error; see the server log" : "the request was refused";
        };
        response.setStatus(status);
        response.setContentType(Problem.MEDIA_TYPE);
        response.getWriter().write(Problem.of(status, detail).toJson());
    }
}

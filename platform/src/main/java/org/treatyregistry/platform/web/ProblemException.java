package org.treatyregistry.platform.web;

import org.springframework.http.ProblemDetail;

/** Thrown at the edge to answer with a prepared problem detail. */
public class ProblemException extends RuntimeException {

    private final transient ProblemDetail problem;

    public ProblemException(ProblemDetail problem) {
        super(problem.getDetail());
        this.problem = problem;
    }

    public ProblemDetail problem() {
        return problem;
    }
}

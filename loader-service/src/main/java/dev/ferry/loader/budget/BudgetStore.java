package dev.ferry.loader.budget;

/**
 * Where an account's budget lives. Every method is one atomic step under the account's lock, so any number of
 * loaders sharing the store share one budget.
 */
public interface BudgetStore {

    /** Grants {@code calls} calls now, or says how long to wait. */
    BudgetDecision tryTake(String account, int calls, BudgetLimits limits);

    /** Folds the headers of an accepted call into the budget. */
    void accepted(String account, ServerView view, BudgetLimits limits);

    /** Folds a 429 into the budget. */
    void refused(String account, ServerView view, BudgetLimits limits);

    /** What the budget looks like now, for operators. */
    BudgetStatus status(String account, BudgetLimits limits);
}

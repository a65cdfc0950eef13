"""Manager insights: unanswered messages, their groups, a review inbox and KPIs."""

using AveroPortal.Core.Login;

namespace AveroPortal.Core.PasswordReset;

public sealed record ResetRequestResult(ResetRequestOutcome Outcome, InputProblem EmailProblem = InputProblem.None);

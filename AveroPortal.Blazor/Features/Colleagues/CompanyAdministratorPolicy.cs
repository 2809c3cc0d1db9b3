using AveroPortal.Blazor.Sessions;
using AveroPortal.Core.Colleagues;
using Microsoft.AspNetCore.Authorization;

namespace AveroPortal.Blazor.Features.Colleagues;

/// <summary>
/// <see cref="Policies.CompanyAdministrator"/>: a business e-mail account (not eHerkenning) that holds the company's
/// administrator role right now, read from the database on every request rather than from the cookie, so a role
/// handed on or lost counts at once. Core checks it once more inside the transaction of each change.
/// </summary>
internal static class CompanyAdministratorPolicy
{
    public static void AddAveroColleagues(this IServiceCollection services)
    {
        services.AddSingleton<IAuthorizationHandler, Handler>();
        services.AddAuthorizationBuilder().AddPolicy(Policies.CompanyAdministrator, policy => policy.AddRequirements(new Requirement()));
    }

    private sealed class Requirement : IAuthorizationRequirement;

    private sealed class Handler(ColleagueAdministration colleagues) : AuthorizationHandler<Requirement>
    {
        protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, Requirement requirement)
        {
            if (PortalUser.From(context.User) is { IsBusiness: true, HasAccount: true, AccountId: { } accountId }
                && await colleagues.IsAdministratorAsync(accountId))
            {
                context.Succeed(requirement);
            }
        }
    }
}

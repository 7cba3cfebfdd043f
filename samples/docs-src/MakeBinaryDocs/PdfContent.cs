namespace MakeBinaryDocs;

/// <summary>Content of the PDF sample documents. Each inner list is one page. Keep text ASCII (Helvetica, WinAnsi).</summary>
internal static class PdfContent
{
    public static IReadOnlyList<PdfDoc> All { get; } = [ServiceLevelAgreement(), AdminGuide()];

    private static PdfDoc ServiceLevelAgreement() => new(
        "service-level-agreement.pdf",
        "Orbit Sync Service Level Agreement",
        "Orbit Sync Service Level Agreement, version 3.1",
        [
            [
                new TitleBlock("Orbit Sync Service Level Agreement"),
                new SubtitleBlock("Version 3.1 - Effective 1 February 2025 - Lumenfield Labs, Inc."),
                new HeadingBlock(1, "1. Introduction"),
                new ParagraphBlock("This Service Level Agreement (SLA) describes the availability that Lumenfield Labs, Inc. commits to for the Orbit Sync service, and the service credits that customers receive when that commitment is not met. This SLA is part of the Orbit Sync Terms of Service."),
                new HeadingBlock(1, "2. Scope"),
                new ParagraphBlock("This SLA applies to organizations on the Team plan and the Business plan. The Free plan and the Personal plan are provided without a service level agreement."),
                new ParagraphBlock("The SLA covers the Orbit Sync web app, the sync service that the desktop and mobile apps connect to, and the Orbit Sync REST API."),
                new HeadingBlock(1, "3. Definitions"),
                new ParagraphBlock("\"Service\" means the Orbit Sync web app, the sync service, and the REST API."),
                new ParagraphBlock("\"Downtime\" means a minute in which more than 5% of the requests to the Service fail with a server error."),
                new ParagraphBlock("\"Monthly Uptime Percentage\" means the total number of minutes in a calendar month minus the minutes of Downtime, divided by the total number of minutes in that month."),
                new ParagraphBlock("\"Service Credit\" means a percentage of the monthly fee for the affected plan that is credited to the customer's account."),
                new ParagraphBlock("\"Business day\" means Monday to Friday, excluding public holidays in Estonia."),
            ],
            [
                new HeadingBlock(1, "4. Uptime commitment"),
                new ParagraphBlock("Lumenfield Labs commits that the Service will have a Monthly Uptime Percentage of at least 99.95% in every calendar month. An uptime of 99.95% allows about 22 minutes of Downtime in a 30-day month."),
                new ParagraphBlock("Lumenfield Labs measures uptime every minute from monitoring locations in North America, Europe, and Asia, and publishes the measured Monthly Uptime Percentage on the status page."),
                new HeadingBlock(1, "5. Service credits"),
                new ParagraphBlock("If the Monthly Uptime Percentage in a calendar month falls below the commitment, the customer is eligible for a Service Credit according to the following table."),
                new TableBlock(
                    [
                        ["Monthly Uptime Percentage", "Service Credit"],
                        ["99.0% to less than 99.95%", "10% of the monthly fee"],
                        ["95.0% to less than 99.0%", "25% of the monthly fee"],
                        ["Less than 95.0%", "50% of the monthly fee"],
                    ],
                    [230, 237]),
                new ParagraphBlock("For example, if the Monthly Uptime Percentage is 98.7%, the customer receives a Service Credit of 25% of the monthly fee."),
                new ParagraphBlock("Service Credits are applied to the next invoice and are never paid out as cash. The total Service Credit for one calendar month is capped at 50% of the monthly fee for that month."),
                new ParagraphBlock("Service Credits are the only remedy that a customer has when Lumenfield Labs does not meet the uptime commitment."),
            ],
            [
                new HeadingBlock(1, "6. Scheduled maintenance"),
                new ParagraphBlock("Scheduled maintenance takes place during the weekly maintenance window on Sundays from 02:00 to 04:00 UTC."),
                new ParagraphBlock("Lumenfield Labs announces scheduled maintenance on the status page at least 72 hours in advance."),
                new ParagraphBlock("Scheduled maintenance does not count as Downtime, and it is limited to 4 hours per calendar month. Maintenance beyond 4 hours in a month counts as Downtime."),
                new HeadingBlock(1, "7. Exclusions"),
                new ParagraphBlock("The following situations do not count as Downtime:"),
                new BulletBlock("Problems caused by the customer's own network, devices, or internet provider."),
                new BulletBlock("Features that are labeled as beta or preview."),
                new BulletBlock("Accounts that are suspended because of unpaid invoices."),
                new BulletBlock("Events outside the reasonable control of Lumenfield Labs, such as natural disasters, war, or a failure of the public internet."),
                new BulletBlock("Emergency maintenance to fix a critical security vulnerability, if Lumenfield Labs announces it on the status page."),
                new BulletBlock("Requests that are rejected because the customer exceeded an API rate limit."),
            ],
            [
                new HeadingBlock(1, "8. Claiming a Service Credit"),
                new ParagraphBlock("To claim a Service Credit, the account owner sends a claim to sla@orbitsync.example within 21 days after the end of the month in which the Downtime happened."),
                new ParagraphBlock("The claim must include the dates and times of the Downtime and the users who were affected. Lumenfield Labs reviews each claim and replies within 10 business days. Claims sent after the 21-day deadline are not accepted."),
                new HeadingBlock(1, "9. Support response times"),
                new ParagraphBlock("Lumenfield Labs responds to support requests from Team and Business customers within the following initial response times, based on the severity of the problem."),
                new TableBlock(
                    [
                        ["Severity", "Example", "Business plan", "Team plan"],
                        ["Severity 1", "Service unavailable for all users", "1 hour, 24/7", "4 hours"],
                        ["Severity 2", "A major feature does not work", "4 hours", "8 business hours"],
                        ["Severity 3", "A minor feature does not work", "1 business day", "2 business days"],
                        ["Severity 4", "Question or feature request", "2 business days", "3 business days"],
                    ],
                    [70, 187, 110, 100]),
                new HeadingBlock(1, "10. Changes to this SLA"),
                new ParagraphBlock("Lumenfield Labs may change this SLA by giving account owners at least 45 days notice by email. A change never reduces the Service Credits for a month that has already started."),
            ],
        ]);

    private static PdfDoc AdminGuide() => new(
        "admin-guide.pdf",
        "Orbit Sync Admin Guide",
        "Orbit Sync Admin Guide, June 2025 edition",
        [
            [
                new TitleBlock("Orbit Sync Admin Guide"),
                new SubtitleBlock("For administrators on the Team and Business plans - June 2025 edition"),
                new HeadingBlock(1, "1. The Admin Console"),
                new ParagraphBlock("Administrators manage their organization in the Admin Console at admin.orbitsync.example. The Admin Console is available on the Team plan and the Business plan. Only members with an administrator role can open it."),
                new HeadingBlock(1, "2. Administrator roles"),
                new ParagraphBlock("Orbit Sync has three administrator roles. Every other person in the organization is a Member or a Guest."),
                new BulletBlock("Owner: Each organization has exactly one Owner. The Owner manages billing and is the only person who can delete the organization."),
                new BulletBlock("Admin: Admins can add and remove members, change security policies, and manage devices."),
                new BulletBlock("Support Admin: Support Admins can reset member passwords and resend invitations, but they cannot see billing or change policies."),
                new ParagraphBlock("The Owner can transfer ownership to an Admin from Settings > Organization > Transfer ownership."),
                new HeadingBlock(1, "3. Verify your domain"),
                new ParagraphBlock("Verifying your company domain proves that your organization owns it. To verify a domain, add a DNS TXT record with the value orbit-verification= followed by the token that the Admin Console shows."),
                new ParagraphBlock("Domain verification usually completes within 1 hour after the DNS record is published. A verification token expires after 14 days if the DNS record is not found."),
                new ParagraphBlock("After your domain is verified, you can require that new accounts created with an email address on that domain join your organization."),
            ],
            [
                new HeadingBlock(1, "4. Add and remove members"),
                new ParagraphBlock("Invite members by email from Members > Invite. An invitation expires after 7 days if it is not accepted."),
                new ParagraphBlock("To add many members at once, upload a CSV file with one email address per line. Each CSV file can add up to 500 members."),
                new ParagraphBlock("You can also provision members automatically with SCIM 2.0 from Okta or Microsoft Entra ID. Changes in the identity provider reach Orbit Sync within 40 minutes."),
                new ParagraphBlock("When you remove a member, the member's files are transferred to the Owner by default. You can choose a different member to receive the files before you confirm the removal."),
                new ParagraphBlock("Guests are people outside your organization who can open only the shared folders they are invited to. Guests do not use a paid seat, and an organization can invite up to 5 guests for every paid seat."),
                new HeadingBlock(1, "5. Security policies"),
                new ParagraphBlock("Under Settings > Security, Admins set policies that apply to the whole organization:"),
                new BulletBlock("Require two-step verification: members who have not set it up must do so the next time they sign in."),
                new BulletBlock("Restrict sharing: members can share files only with people whose email address is on a verified domain."),
                new BulletBlock("Disable public links: members cannot create share links that work without signing in."),
                new BulletBlock("Storage quotas: Admins can set a storage quota for each member in steps of 100 GB."),
            ],
            [
                new HeadingBlock(1, "6. Devices"),
                new ParagraphBlock("The Devices page lists every computer and phone that a member has linked to Orbit Sync."),
                new ParagraphBlock("If a device is lost or stolen, an Admin can start a remote wipe. A remote wipe deletes the Orbit folder and all offline files from the device the next time the device comes online, and then unlinks the device."),
                new ParagraphBlock("When device approval is turned on, an Admin must approve each new device before it can sync."),
                new HeadingBlock(1, "7. Audit log"),
                new ParagraphBlock("The audit log records sign-ins, sharing changes, file deletions, and changes made by administrators. Audit log entries are kept for 2 years."),
                new ParagraphBlock("You can export the audit log as a CSV or JSON file from Reports > Audit log > Export."),
                new HeadingBlock(1, "8. Data residency"),
                new ParagraphBlock("When you create an organization, you choose the region where its files are stored. The regions are listed in the table of regional data centers."),
                new ParagraphBlock("Moving an existing organization to a different region is done by Orbit Sync support and takes up to 10 business days. During a move, members can keep working, but inviting new guests is paused until the move is finished."),
            ],
        ]);
}

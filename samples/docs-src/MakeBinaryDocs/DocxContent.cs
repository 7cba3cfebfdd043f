namespace MakeBinaryDocs;

/// <summary>Content of the DOCX sample documents.</summary>
internal static class DocxContent
{
    public static IReadOnlyList<DocxDoc> All { get; } = [OnboardingChecklist(), DataRetentionPolicy()];

    private static DocxDoc OnboardingChecklist() => new(
        "onboarding-checklist.docx",
        "Orbit Sync Business Onboarding Checklist",
        [
            new TitleBlock("Orbit Sync Business Onboarding Checklist"),
            new ParagraphBlock("This checklist helps new Business plan customers roll out Orbit Sync to their whole company in three weeks. Work through the steps in order and tick each one off when it is done."),
            new HeadingBlock(1, "Before you start"),
            new HeadingBlock(2, "Name a project owner"),
            new ParagraphBlock("Choose one person who owns the rollout from start to finish. The project owner should have the Admin role in the Admin Console so that they can invite members and change policies."),
            new HeadingBlock(2, "Meet your customer success manager"),
            new ParagraphBlock("Organizations with 50 or more seats get a dedicated customer success manager. Your customer success manager schedules a kickoff call within 5 business days of your purchase."),
            new HeadingBlock(1, "Week 1: Set up the organization"),
            new HeadingBlock(2, "Verify your domain and turn on single sign-on"),
            new ParagraphBlock("Verify your company domain and connect your identity provider before you invite anyone, so that members sign in with single sign-on from their first day."),
            new HeadingBlock(2, "Set security policies"),
            new ParagraphBlock("Lumenfield Labs recommends requiring two-step verification for all members and turning off public links for departments that handle customer data."),
            new HeadingBlock(1, "Week 2: Run a pilot"),
            new ParagraphBlock("Invite a pilot group of 10 to 20 people from at least two departments. Ask the pilot group to move their working files into Orbit Sync and to use it for a full week."),
            new ParagraphBlock("At the end of the pilot week, send the pilot survey from the Admin Console and fix any problems before the company-wide rollout."),
            new HeadingBlock(1, "Week 3: Roll out to everyone"),
            new HeadingBlock(2, "Migrate existing files"),
            new ParagraphBlock("Orbit Migrate copies existing files from Google Drive, Dropbox, Box, and Microsoft OneDrive into Orbit Sync. Orbit Migrate transfers up to 2 TB per day for each organization, so schedule large migrations to run overnight or over a weekend."),
            new HeadingBlock(2, "Invite all members"),
            new ParagraphBlock("Invite the rest of the company with SCIM provisioning or a CSV upload, and send the welcome email template from the Admin Console on the same day."),
            new HeadingBlock(1, "After launch"),
            new ParagraphBlock("Thirty days after the rollout, review the adoption report in the Admin Console to find teams that have not started using Orbit Sync."),
            new ParagraphBlock("Lumenfield Labs runs a free 45-minute live training webinar for new administrators every Tuesday at 15:00 UTC."),
            new HeadingBlock(1, "Checklist summary"),
            new TableBlock(
                [
                    ["Task", "Owner", "When"],
                    ["Verify the company domain", "IT administrator", "Week 1"],
                    ["Configure single sign-on", "IT administrator", "Week 1"],
                    ["Send the pilot survey", "Project owner", "End of week 2"],
                    ["Migrate existing files with Orbit Migrate", "IT administrator", "Week 3"],
                    ["Review the adoption report", "Project owner", "Day 30 after rollout"],
                ],
                [200, 140, 120]),
        ]);

    private static DocxDoc DataRetentionPolicy() => new(
        "data-retention-policy.docx",
        "Orbit Sync Data Retention Policy",
        [
            new TitleBlock("Orbit Sync Data Retention Policy"),
            new SubtitleBlock("Version 2.0, effective 1 March 2025. Policy owner: Lumenfield Labs Privacy Office."),
            new HeadingBlock(1, "1. Purpose and scope"),
            new ParagraphBlock("This policy explains how long Lumenfield Labs keeps customer files and other data for Orbit Sync, and when that data is permanently deleted. The policy applies to all Orbit Sync plans."),
            new HeadingBlock(1, "2. Customer files"),
            new HeadingBlock(2, "2.1 Deleted files"),
            new ParagraphBlock("Deleted files are kept in the trash for 60 days. After 60 days in the trash, files are permanently deleted and cannot be restored."),
            new ParagraphBlock("You can restore a file from the trash at any time during those 60 days from the Trash page in the web app. When you empty the trash yourself, the files are permanently deleted immediately, and Orbit Sync support cannot restore them."),
            new HeadingBlock(2, "2.2 Closed accounts"),
            new ParagraphBlock("When an account is closed, all of its files are permanently deleted 90 days after the account was closed. During those 90 days, the account owner can reopen the account with all of its files by contacting support."),
            new HeadingBlock(2, "2.3 Inactive Free accounts"),
            new ParagraphBlock("A Free account with no sign-in for 12 months is considered inactive. Lumenfield Labs sends a warning email 30 days and again 7 days before the files of an inactive Free account are deleted. Signing in once is enough to keep the account active."),
            new HeadingBlock(1, "3. Backups"),
            new ParagraphBlock("Lumenfield Labs keeps encrypted backups of customer files in a second region so that the service can recover from a disaster. Backups are kept for 35 days and are then overwritten. Backups are not used to restore individual files for customers."),
            new HeadingBlock(1, "4. Legal hold"),
            new ParagraphBlock("On the Business plan, Admins can place members under legal hold. Files of a member under legal hold are kept even after they are deleted, until the legal hold is released."),
            new HeadingBlock(1, "5. Other records"),
            new HeadingBlock(2, "5.1 Billing records"),
            new ParagraphBlock("Invoices and payment records are kept for 7 years to meet tax laws."),
            new HeadingBlock(2, "5.2 Support tickets"),
            new ParagraphBlock("Support tickets and the diagnostic bundles attached to them are kept for 3 years."),
            new HeadingBlock(2, "5.3 Server logs"),
            new ParagraphBlock("Server access logs, which contain IP addresses, are kept for 13 months."),
            new HeadingBlock(1, "6. Exporting your data"),
            new ParagraphBlock("You can request a copy of all of your data from Account > Privacy > Export my data. The export is ready within 48 hours as a zip file, and the download link is valid for 7 days."),
        ]);
}

namespace Keel.Tests.Rag.Ask;

/// <summary>Three small documents under kb/ that the answer tests ask about.</summary>
internal static class SmallKnowledgeBase
{
    public static void Write(TempDirectory directory)
    {
        directory.File("kb/trash.md", """
            # Trash and recovery

            ## Retention

            Deleted files stay in the trash for 60 days. After that they are removed permanently and cannot be restored.

            ## Restoring

            To restore a file, open the Trash view and choose Restore.
            """);
        directory.File("kb/billing.txt", "Refunds are available within 30 days of purchase. Invoices are emailed on the first day of each month.");
        directory.File("kb/security.md", "# Security\n\nAll data is encrypted at rest with AES-256 and in transit with TLS 1.3.\n");
    }
}

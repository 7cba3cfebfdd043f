using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Keel;

/// <summary>The document index in the embedded SQLite store.</summary>
internal sealed class SqliteIndexStore(SqliteDatabase database, TimeProvider timeProvider) : IIndexStore
{
    public Task<IReadOnlyDictionary<string, StoredDocument>> GetDocumentsAsync(CancellationToken cancellationToken = default)
    {
        using var connection = database.OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT d.id, d.path, d.doc_type, d.content_hash, (SELECT COUNT(*) FROM chunks c WHERE c.document_id = d.id), d.tags
            FROM documents d
            """;
        var documents = new Dictionary<string, StoredDocument>(StringComparer.Ordinal);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var document = new StoredDocument(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetInt32(4))
            {
                Tags = reader.IsDBNull(5) ? StoredDocument.EmptyTags : JsonSerializer.Deserialize(reader.GetString(5), KeelJsonContext.Default.DictionaryStringString) ?? StoredDocument.EmptyTags,
            };
            documents[document.Path] = document;
        }

        return Task.FromResult<IReadOnlyDictionary<string, StoredDocument>>(documents);
    }

    public Task CommitAsync(IndexBatch batch, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = database.OpenConnection();
        using var transaction = connection.BeginTransaction(deferred: false);

        if (batch.RemovedDocumentIds.Count > 0)
        {
            RemoveDocuments(connection, transaction, batch.RemovedDocumentIds);
        }

        // Another ingest may have written these paths since this one read the index: the newest write replaces it.
        var overwritten = StoredIds(connection, transaction, batch.Documents);
        if (overwritten.Count > 0)
        {
            RemoveDocuments(connection, transaction, overwritten);
        }

        var chunkIds = InsertDocuments(connection, transaction, batch.Documents);
        if (batch.Segment is { } segment && chunkIds.Count > 0)
        {
            if (segment.Lengths.Length != chunkIds.Count)
            {
                throw new InvalidOperationException($"The BM25 segment covers {segment.Lengths.Length} chunks but the batch has {chunkIds.Count}.");
            }

            InsertSegment(connection, transaction, chunkIds, segment);
        }

        if (batch.Vectors is { } vectors)
        {
            InsertVectors(connection, transaction, vectors);
        }

        BumpGeneration(connection, transaction);
        transaction.Commit();
        return Task.CompletedTask;
    }

    public Task<bool> CompactBm25Async(CompactionPolicy policy, CancellationToken cancellationToken = default)
    {
        using var connection = database.OpenConnection();
        using var transaction = connection.BeginTransaction(deferred: false);
        var snapshot = LoadSnapshot(connection, transaction);
        if (!policy.ShouldCompact(snapshot))
        {
            return Task.FromResult(false);
        }

        var merged = Bm25SegmentMerger.Merge(snapshot, ReadAllPostings(connection, transaction));
        using (var clear = connection.CreateCommand())
        {
            clear.Transaction = transaction;
            clear.CommandText = "DELETE FROM bm25_postings; DELETE FROM bm25_segments; DELETE FROM bm25_deleted;";
            clear.ExecuteNonQuery();
        }

        if (merged.ChunkIds.Count > 0)
        {
            InsertSegment(connection, transaction, merged.ChunkIds, merged.Segment);
        }

        BumpGeneration(connection, transaction);
        transaction.Commit();
        return Task.FromResult(true);
    }

    public Task<long> GetGenerationAsync(CancellationToken cancellationToken = default)
    {
        using var connection = database.OpenConnection();
        return Task.FromResult(ReadGeneration(connection, null));
    }

    public Task<Bm25Snapshot> LoadBm25SnapshotAsync(CancellationToken cancellationToken = default)
    {
        using var connection = database.OpenConnection();
        using var transaction = connection.BeginTransaction(deferred: true);
        var snapshot = LoadSnapshot(connection, transaction);
        transaction.Commit();
        return Task.FromResult(snapshot);
    }

    public Task<IReadOnlyList<Bm25PostingsRow>> GetPostingsAsync(IReadOnlyCollection<string> terms, CancellationToken cancellationToken = default)
    {
        var rows = new List<Bm25PostingsRow>();
        if (terms.Count == 0)
        {
            return Task.FromResult<IReadOnlyList<Bm25PostingsRow>>(rows);
        }

        using var connection = database.OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT term, segment_id, postings FROM bm25_postings WHERE term = $term";
        var parameter = command.Parameters.Add("$term", SqliteType.Text);
        command.Prepare();
        foreach (var term in terms)
        {
            parameter.Value = term;
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                rows.Add(new Bm25PostingsRow(term, reader.GetInt64(1), (byte[])reader.GetValue(2)));
            }
        }

        return Task.FromResult<IReadOnlyList<Bm25PostingsRow>>(rows);
    }

    public Task<IReadOnlyList<StoredChunk>> GetChunksAsync(IReadOnlyList<long> ids, CancellationToken cancellationToken = default)
    {
        var found = new Dictionary<long, StoredChunk>();
        if (ids.Count > 0)
        {
            using var connection = database.OpenConnection();
            using var command = connection.CreateCommand();
            command.CommandText = $"""
                SELECT c.id, d.path, d.doc_type, c.ordinal, c.start_offset, c.end_offset, c.text, c.heading_path, c.page, c.preamble
                FROM chunks c JOIN documents d ON d.id = c.document_id
                WHERE c.id IN ({string.Join(',', ids.Select((_, i) => "$id" + i))})
                """;
            for (var i = 0; i < ids.Count; i++)
            {
                command.Parameters.AddWithValue("$id" + i, ids[i]);
            }

            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var chunk = new StoredChunk(
                    reader.GetInt64(0),
                    reader.GetString(1),
                    reader.GetString(2),
                    reader.GetInt32(3),
                    reader.GetInt32(4),
                    reader.GetInt32(5),
                    reader.GetString(6),
                    JsonSerializer.Deserialize(reader.GetString(7), KeelJsonContext.Default.StringArray) ?? [],
                    reader.IsDBNull(8) ? null : reader.GetInt32(8),
                    reader.IsDBNull(9) ? null : reader.GetString(9));
                found[chunk.Id] = chunk;
            }
        }

        IReadOnlyList<StoredChunk> ordered = [.. ids.Where(found.ContainsKey).Select(id => found[id])];
        return Task.FromResult(ordered);
    }

    public Task<IReadOnlySet<string>> GetVectorHashesAsync(string model, IReadOnlyCollection<string> textHashes, CancellationToken cancellationToken = default)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        if (textHashes.Count > 0)
        {
            using var connection = database.OpenConnection();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT 1 FROM embeddings WHERE model = $model AND text_hash = $hash";
            command.Parameters.AddWithValue("$model", model);
            var hash = command.Parameters.Add("$hash", SqliteType.Text);
            command.Prepare();
            foreach (var textHash in textHashes)
            {
                hash.Value = textHash;
                if (command.ExecuteScalar() is not null)
                {
                    found.Add(textHash);
                }
            }
        }

        return Task.FromResult<IReadOnlySet<string>>(found);
    }

    public Task<IReadOnlyList<ChunkToEmbed>> GetChunksWithoutVectorsAsync(string model, int limit, CancellationToken cancellationToken = default)
    {
        using var connection = database.OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT c.id, c.text_hash, c.heading_path, c.preamble, c.text
            FROM chunks c
            WHERE c.text_hash IS NULL
               OR NOT EXISTS (SELECT 1 FROM embeddings e WHERE e.model = $model AND e.text_hash = c.text_hash)
            ORDER BY c.id
            LIMIT $limit
            """;
        command.Parameters.AddWithValue("$model", model);
        command.Parameters.AddWithValue("$limit", limit);
        var chunks = new List<ChunkToEmbed>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            chunks.Add(new ChunkToEmbed(
                reader.GetInt64(0),
                reader.IsDBNull(1) ? null : reader.GetString(1),
                JsonSerializer.Deserialize(reader.GetString(2), KeelJsonContext.Default.StringArray) ?? [],
                reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.GetString(4)));
        }

        return Task.FromResult<IReadOnlyList<ChunkToEmbed>>(chunks);
    }

    public Task SaveVectorsAsync(IReadOnlyList<(long ChunkId, string TextHash)> chunks, VectorBatch vectors, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = database.OpenConnection();
        using var transaction = connection.BeginTransaction(deferred: false);
        using (var update = connection.CreateCommand())
        {
            update.Transaction = transaction;
            update.CommandText = "UPDATE chunks SET text_hash = $hash WHERE id = $id";
            var id = update.Parameters.Add("$id", SqliteType.Integer);
            var hash = update.Parameters.Add("$hash", SqliteType.Text);
            update.Prepare();
            foreach (var (chunkId, textHash) in chunks)
            {
                id.Value = chunkId;
                hash.Value = textHash;
                update.ExecuteNonQuery();
            }
        }

        InsertVectors(connection, transaction, vectors);
        BumpGeneration(connection, transaction);
        transaction.Commit();
        return Task.CompletedTask;
    }

    public Task<int> PruneVectorsAsync(string model, CancellationToken cancellationToken = default)
    {
        using var connection = database.OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = """
            DELETE FROM embeddings
            WHERE model <> $model
               OR NOT EXISTS (SELECT 1 FROM chunks c WHERE c.text_hash = embeddings.text_hash)
            """;
        command.Parameters.AddWithValue("$model", model);
        return Task.FromResult(command.ExecuteNonQuery());
    }

    public Task<VectorSnapshot> LoadVectorsAsync(string model, CancellationToken cancellationToken = default)
    {
        const string Join = "FROM chunks c JOIN embeddings e ON e.model = $model AND e.text_hash = c.text_hash";
        using var connection = database.OpenConnection();
        using var transaction = connection.BeginTransaction(deferred: true);
        var generation = ReadGeneration(connection, transaction);
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.Parameters.AddWithValue("$model", model);
        command.CommandText = $"SELECT COUNT(*) {Join}";
        var count = Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);

        // One contiguous array, sized up front: at 100k chunks × 384 dimensions it is 150 MB.
        var ids = new long[count];
        var vectors = Array.Empty<float>();
        var dimensions = 0;
        var row = 0;
        command.CommandText = $"SELECT c.id, e.vector {Join} ORDER BY c.id";
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read() && row < count)
            {
                var bytes = (byte[])reader.GetValue(1);
                if (dimensions == 0)
                {
                    dimensions = bytes.Length / sizeof(float);
                    vectors = new float[(long)count * dimensions];
                }
                else if (bytes.Length != dimensions * sizeof(float))
                {
                    throw new KeelStoreException($"The store holds vectors of {dimensions} and {bytes.Length / sizeof(float)} dimensions from the embedding model '{model}': its output size changed. Give the model another name in keel.yaml (models: and embeddings.model) and ingest again, so every chunk is embedded by it once.");
                }

                ids[row] = reader.GetInt64(0);
                VectorBlob.Decode(bytes, vectors.AsSpan(row * dimensions, dimensions));
                row++;
            }
        }

        transaction.Commit();
        return Task.FromResult(new VectorSnapshot(generation, ids, vectors, dimensions));
    }

    public Task<IReadOnlyList<long>> GetChunkIdsAsync(IReadOnlyCollection<long> documentIds, CancellationToken cancellationToken = default)
    {
        var ids = new List<long>();
        if (documentIds.Count > 0)
        {
            using var connection = database.OpenConnection();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT id FROM chunks WHERE document_id = $document";
            var document = command.Parameters.Add("$document", SqliteType.Integer);
            command.Prepare();
            foreach (var documentId in documentIds)
            {
                document.Value = documentId;
                using var reader = command.ExecuteReader();
                while (reader.Read())
                {
                    ids.Add(reader.GetInt64(0));
                }
            }
        }

        return Task.FromResult<IReadOnlyList<long>>(ids);
    }

    private static void InsertVectors(SqliteConnection connection, SqliteTransaction transaction, VectorBatch vectors)
    {
        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = "INSERT OR REPLACE INTO embeddings (model, text_hash, vector) VALUES ($model, $hash, $vector)";
        insert.Parameters.AddWithValue("$model", vectors.Model);
        var hash = insert.Parameters.Add("$hash", SqliteType.Text);
        var vector = insert.Parameters.Add("$vector", SqliteType.Blob);
        insert.Prepare();
        foreach (var (textHash, values) in vectors.ByTextHash)
        {
            hash.Value = textHash;
            vector.Value = VectorBlob.Encode(values);
            insert.ExecuteNonQuery();
        }
    }

    private static List<long> StoredIds(SqliteConnection connection, SqliteTransaction transaction, IReadOnlyList<NewDocument> documents)
    {
        var ids = new List<long>();
        if (documents.Count == 0)
        {
            return ids;
        }

        using var select = connection.CreateCommand();
        select.Transaction = transaction;
        select.CommandText = "SELECT id FROM documents WHERE path = $path";
        var path = select.Parameters.Add("$path", SqliteType.Text);
        select.Prepare();
        foreach (var document in documents)
        {
            path.Value = document.Path;
            if (select.ExecuteScalar() is long id)
            {
                ids.Add(id);
            }
        }

        return ids;
    }

    private static void RemoveDocuments(SqliteConnection connection, SqliteTransaction transaction, IReadOnlyList<long> documentIds)
    {
        using var tombstones = connection.CreateCommand();
        tombstones.Transaction = transaction;
        tombstones.CommandText = "INSERT OR IGNORE INTO bm25_deleted (chunk_id) SELECT id FROM chunks WHERE document_id = $document";
        var tombstoneParameter = tombstones.Parameters.Add("$document", SqliteType.Integer);

        using var delete = connection.CreateCommand();
        delete.Transaction = transaction;
        delete.CommandText = "DELETE FROM chunks WHERE document_id = $document; DELETE FROM documents WHERE id = $document;";
        var deleteParameter = delete.Parameters.Add("$document", SqliteType.Integer);

        foreach (var id in documentIds)
        {
            tombstoneParameter.Value = id;
            tombstones.ExecuteNonQuery();
            deleteParameter.Value = id;
            delete.ExecuteNonQuery();
        }
    }

    private List<long> InsertDocuments(SqliteConnection connection, SqliteTransaction transaction, IReadOnlyList<NewDocument> documents)
    {
        var chunkIds = new List<long>();
        if (documents.Count == 0)
        {
            return chunkIds;
        }

        using var insertDocument = connection.CreateCommand();
        insertDocument.Transaction = transaction;
        insertDocument.CommandText = """
            INSERT INTO documents (path, doc_type, content_hash, size_bytes, ingested_at, tags)
            VALUES ($path, $type, $hash, $size, $at, $tags) RETURNING id
            """;
        var path = insertDocument.Parameters.Add("$path", SqliteType.Text);
        var type = insertDocument.Parameters.Add("$type", SqliteType.Text);
        var hash = insertDocument.Parameters.Add("$hash", SqliteType.Text);
        var size = insertDocument.Parameters.Add("$size", SqliteType.Integer);
        var tags = insertDocument.Parameters.Add("$tags", SqliteType.Text);
        insertDocument.Parameters.AddWithValue("$at", timeProvider.GetUtcNow().ToString("O", System.Globalization.CultureInfo.InvariantCulture));

        using var insertChunk = connection.CreateCommand();
        insertChunk.Transaction = transaction;
        insertChunk.CommandText = """
            INSERT INTO chunks (document_id, ordinal, start_offset, end_offset, page, heading_path, preamble, token_count, text, text_hash)
            VALUES ($document, $ordinal, $start, $end, $page, $heading, $preamble, $tokens, $text, $text_hash) RETURNING id
            """;
        var document = insertChunk.Parameters.Add("$document", SqliteType.Integer);
        var ordinal = insertChunk.Parameters.Add("$ordinal", SqliteType.Integer);
        var start = insertChunk.Parameters.Add("$start", SqliteType.Integer);
        var end = insertChunk.Parameters.Add("$end", SqliteType.Integer);
        var page = insertChunk.Parameters.Add("$page", SqliteType.Integer);
        var heading = insertChunk.Parameters.Add("$heading", SqliteType.Text);
        var preamble = insertChunk.Parameters.Add("$preamble", SqliteType.Text);
        var tokens = insertChunk.Parameters.Add("$tokens", SqliteType.Integer);
        var text = insertChunk.Parameters.Add("$text", SqliteType.Text);
        var textHash = insertChunk.Parameters.Add("$text_hash", SqliteType.Text);

        foreach (var newDocument in documents)
        {
            path.Value = newDocument.Path;
            type.Value = newDocument.DocumentType;
            hash.Value = newDocument.ContentHash;
            size.Value = newDocument.SizeBytes;
            tags.Value = newDocument.Tags is { Count: > 0 } documentTags
                ? JsonSerializer.Serialize(new Dictionary<string, string>(documentTags, StringComparer.Ordinal), KeelJsonContext.Default.DictionaryStringString)
                : DBNull.Value;
            var documentId = (long)insertDocument.ExecuteScalar()!;
            if (newDocument.TextHashes is { } hashes && hashes.Count != newDocument.Chunks.Count)
            {
                throw new InvalidOperationException($"{newDocument.Path}: {hashes.Count} text hashes for {newDocument.Chunks.Count} chunks.");
            }

            for (var i = 0; i < newDocument.Chunks.Count; i++)
            {
                var chunk = newDocument.Chunks[i];
                textHash.Value = (object?)newDocument.TextHashes?[i] ?? DBNull.Value;
                document.Value = documentId;
                ordinal.Value = chunk.Ordinal;
                start.Value = chunk.Start;
                end.Value = chunk.End;
                page.Value = (object?)chunk.Page ?? DBNull.Value;
                heading.Value = JsonSerializer.Serialize([.. chunk.HeadingPath], KeelJsonContext.Default.StringArray);
                preamble.Value = (object?)chunk.Preamble ?? DBNull.Value;
                tokens.Value = chunk.TokenCount;
                text.Value = chunk.Text;
                chunkIds.Add((long)insertChunk.ExecuteScalar()!);
            }
        }

        return chunkIds;
    }

    private static void InsertSegment(SqliteConnection connection, SqliteTransaction transaction, IReadOnlyList<long> chunkIds, Bm25SegmentData segment)
    {
        using var insertSegment = connection.CreateCommand();
        insertSegment.Transaction = transaction;
        insertSegment.CommandText = "INSERT INTO bm25_segments (chunk_ids, lengths) VALUES ($ids, $lengths) RETURNING id";
        insertSegment.Parameters.AddWithValue("$ids", Bm25Postings.EncodeIds([.. chunkIds]));
        insertSegment.Parameters.AddWithValue("$lengths", Bm25Postings.EncodeInt32s(segment.Lengths));
        var segmentId = (long)insertSegment.ExecuteScalar()!;

        using var insertPostings = connection.CreateCommand();
        insertPostings.Transaction = transaction;
        insertPostings.CommandText = "INSERT INTO bm25_postings (term, segment_id, postings) VALUES ($term, $segment, $postings)";
        var term = insertPostings.Parameters.Add("$term", SqliteType.Text);
        insertPostings.Parameters.AddWithValue("$segment", segmentId);
        var postings = insertPostings.Parameters.Add("$postings", SqliteType.Blob);
        insertPostings.Prepare();
        foreach (var (key, bytes) in segment.Postings)
        {
            term.Value = key;
            postings.Value = bytes;
            insertPostings.ExecuteNonQuery();
        }
    }

    private static Bm25Snapshot LoadSnapshot(SqliteConnection connection, SqliteTransaction transaction)
    {
        var generation = ReadGeneration(connection, transaction);
        var segments = new List<Bm25SegmentInfo>();
        using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = "SELECT id, chunk_ids, lengths FROM bm25_segments ORDER BY id";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var lengthsBytes = (byte[])reader.GetValue(2);
                var idsBytes = (byte[])reader.GetValue(1);
                var count = CountVarints(lengthsBytes);
                segments.Add(new Bm25SegmentInfo(reader.GetInt64(0), Bm25Postings.DecodeIds(idsBytes, count), Bm25Postings.DecodeInt32s(lengthsBytes, count)));
            }
        }

        var deleted = new HashSet<long>();
        using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = "SELECT chunk_id FROM bm25_deleted";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                deleted.Add(reader.GetInt64(0));
            }
        }

        return new Bm25Snapshot(generation, segments, deleted);
    }

    private static IEnumerable<Bm25PostingsRow> ReadAllPostings(SqliteConnection connection, SqliteTransaction transaction)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT term, segment_id, postings FROM bm25_postings ORDER BY term, segment_id";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            yield return new Bm25PostingsRow(reader.GetString(0), reader.GetInt64(1), (byte[])reader.GetValue(2));
        }
    }

    private static int CountVarints(byte[] bytes)
    {
        var count = 0;
        foreach (var b in bytes)
        {
            if (b < 0x80)
            {
                count++;
            }
        }

        return count;
    }

    private static long ReadGeneration(SqliteConnection connection, SqliteTransaction? transaction)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT value FROM index_meta WHERE key = 'generation'";
        return (long)command.ExecuteScalar()!;
    }

    private static void BumpGeneration(SqliteConnection connection, SqliteTransaction transaction)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "UPDATE index_meta SET value = value + 1 WHERE key = 'generation'";
        command.ExecuteNonQuery();
    }
}

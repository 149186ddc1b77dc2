-- Sync (issue 15.1): collections (with their members) and version relations
-- become synced documents, like the records of migration 0015.
--
-- A collection is one document, 'collection:' || id, its members part of it
-- (as an annotation's tags are part of its annotation). A relation is one
-- document per pair of sources, 'relation:' || the smaller id || '~' || the
-- larger, so the same pair found on two machines is one document, not two.

INSERT INTO sync_outbox (doc_id)
  SELECT 'collection:' || id FROM collections
  UNION ALL SELECT 'relation:' || min(a_id, b_id) || '~' || max(a_id, b_id) FROM source_relations;

CREATE TRIGGER sync_collections_ai AFTER INSERT ON collections BEGIN
  DELETE FROM sync_outbox WHERE doc_id = 'collection:' || new.id; INSERT INTO sync_outbox (doc_id) VALUES ('collection:' || new.id);
END;
CREATE TRIGGER sync_collections_au AFTER UPDATE ON collections BEGIN
  DELETE FROM sync_outbox WHERE doc_id = 'collection:' || new.id; INSERT INTO sync_outbox (doc_id) VALUES ('collection:' || new.id);
END;
CREATE TRIGGER sync_collections_ad AFTER DELETE ON collections BEGIN
  DELETE FROM sync_outbox WHERE doc_id = 'collection:' || old.id; INSERT INTO sync_outbox (doc_id) VALUES ('collection:' || old.id);
END;

-- a collection's members are part of its document
CREATE TRIGGER sync_collection_sources_ai AFTER INSERT ON collection_sources BEGIN
  DELETE FROM sync_outbox WHERE doc_id = 'collection:' || new.collection_id; INSERT INTO sync_outbox (doc_id) VALUES ('collection:' || new.collection_id);
END;
CREATE TRIGGER sync_collection_sources_au AFTER UPDATE ON collection_sources BEGIN
  DELETE FROM sync_outbox WHERE doc_id = 'collection:' || new.collection_id; INSERT INTO sync_outbox (doc_id) VALUES ('collection:' || new.collection_id);
END;
CREATE TRIGGER sync_collection_sources_ad AFTER DELETE ON collection_sources BEGIN
  DELETE FROM sync_outbox WHERE doc_id = 'collection:' || old.collection_id; INSERT INTO sync_outbox (doc_id) VALUES ('collection:' || old.collection_id);
END;

CREATE TRIGGER sync_source_relations_ai AFTER INSERT ON source_relations BEGIN
  DELETE FROM sync_outbox WHERE doc_id = 'relation:' || min(new.a_id, new.b_id) || '~' || max(new.a_id, new.b_id);
  INSERT INTO sync_outbox (doc_id) VALUES ('relation:' || min(new.a_id, new.b_id) || '~' || max(new.a_id, new.b_id));
END;
CREATE TRIGGER sync_source_relations_au AFTER UPDATE ON source_relations BEGIN
  DELETE FROM sync_outbox WHERE doc_id = 'relation:' || min(new.a_id, new.b_id) || '~' || max(new.a_id, new.b_id);
  INSERT INTO sync_outbox (doc_id) VALUES ('relation:' || min(new.a_id, new.b_id) || '~' || max(new.a_id, new.b_id));
END;
CREATE TRIGGER sync_source_relations_ad AFTER DELETE ON source_relations BEGIN
  DELETE FROM sync_outbox WHERE doc_id = 'relation:' || min(old.a_id, old.b_id) || '~' || max(old.a_id, old.b_id);
  INSERT INTO sync_outbox (doc_id) VALUES ('relation:' || min(old.a_id, old.b_id) || '~' || max(old.a_id, old.b_id));
END;

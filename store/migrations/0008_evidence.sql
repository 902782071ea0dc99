-- Up Migration
-- A screenshot drawn later from the stored HTML and images (evidence policy
-- `suspect`) names the HTML it was rendered from; one taken in the page load
-- itself leaves this empty. The notice's evidence list says which.
ALTER TABLE capture_evidence ADD COLUMN rendered_from text REFERENCES evidence_blobs(sha256);

-- Down Migration
ALTER TABLE capture_evidence DROP COLUMN IF EXISTS rendered_from;

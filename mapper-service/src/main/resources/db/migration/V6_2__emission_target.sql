-- Issue 10 (Classic leads): where a produced command writes (the target's path: contacts, leads, ...), so a child's
-- mapping knows that its patient became a lead on Freshsales Classic, which a note, task, sales activity, deal or
-- custom-module record cannot attach to the way it attaches to a contact. Null for rows written before, and for
-- rejections and other outcomes. A target path, never a value.
ALTER TABLE emission ADD COLUMN target text;

// Reads JSONL articles ({"text": ...} per line) from the file named by the
// first argument and writes, per article, the quotations, numbers, people and
// organizations that compromise finds: the closest open tool to `claims
// extract`, run by bench/compare.sh on the same input.
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import nlp from 'compromise';

const lines = createInterface({ input: createReadStream(process.argv[2]), crlfDelay: Infinity });
for await (const line of lines) {
  if (!line.trim()) continue;
  let text;
  try {
    text = JSON.parse(line).text ?? '';
  } catch {
    continue;
  }
  const doc = nlp(text);
  const found = {
    quotations: doc.quotations().out('array'),
    numbers: doc.numbers().out('array'),
    people: doc.people().out('array'),
    organizations: doc.organizations().out('array'),
  };
  process.stdout.write(JSON.stringify(found) + '\n');
}

// collection list, show, create, rename, delete, add, remove. A collection is
// named by its id or its name (without case).
import type { LecternApi } from '../../common/api-methods.ts';
import type { Collection, CollectionChange } from '../../common/types.ts';
import { CommandError, type Command } from './command.ts';

/** The collection an argument names: its id, else its name (case ignored). */
export async function findCollection(api: LecternApi, ref: string): Promise<Collection> {
  const all = await api.listCollections();
  const found = all.find((c) => c.id === ref) ?? all.find((c) => c.name.toLowerCase() === ref.trim().toLowerCase());
  if (!found) throw new CommandError('not-found', `No collection named or with id “${ref}” (lectern collection list shows them)`);
  return found;
}

const line = (c: Collection) => `${c.id}  ${c.name}  [${c.sourceCount} ${c.sourceCount === 1 ? 'source' : 'sources'}]`;

const listCommand: Command = {
  name: 'collection list',
  usage: 'lectern collection list [--json]',
  summary: 'List the collections, with how many sources each holds.',
  options: {},
  positionals: [0, 0],
  async run({ api }) {
    const all = await api.listCollections();
    return { json: all, human: all.length === 0 ? 'No collections yet (lectern collection create NAME).' : all.map(line).join('\n') };
  },
};

const showCommand: Command = {
  name: 'collection show',
  usage: 'lectern collection show [--json] COLLECTION',
  summary: 'Show a collection and its sources (by title).',
  options: {},
  positionals: [1, 1],
  async run({ api, positionals }) {
    const c = await findCollection(api, positionals[0]!);
    const sources = (await api.listSources({ collectionId: c.id, sort: 'title' })).map((s) => ({
      id: s.id, title: s.title, published: s.published, chars: s.chars, annotationCount: s.annotationCount,
    }));
    const rows = sources.map((s) => `  ${s.id}  ${s.published ?? '          '}  ${s.title}`);
    return { json: { ...c, sources }, human: [line(c), ...rows].join('\n') };
  },
};

const createCommand: Command = {
  name: 'collection create',
  usage: 'lectern collection create [--json] NAME',
  summary: 'Create an empty collection.',
  options: {},
  positionals: [1, 1],
  async run({ api, positionals }) {
    const c = await api.createCollection(positionals[0]!);
    return { json: c, human: `created ${line(c)}` };
  },
};

const renameCommand: Command = {
  name: 'collection rename',
  usage: 'lectern collection rename [--json] COLLECTION NEW_NAME',
  summary: 'Rename a collection.',
  options: {},
  positionals: [2, 2],
  async run({ api, positionals }) {
    const c = await api.renameCollection((await findCollection(api, positionals[0]!)).id, positionals[1]!);
    return { json: c, human: `renamed ${line(c)}` };
  },
};

const deleteCommand: Command = {
  name: 'collection delete',
  usage: 'lectern collection delete [--json] COLLECTION',
  summary: 'Move a collection to the trash (its sources stay in the library; lectern restore ID brings it back).',
  options: {},
  positionals: [1, 1],
  async run({ api, positionals }) {
    const item = await api.deleteCollection((await findCollection(api, positionals[0]!)).id);
    return { json: item, human: `deleted collection ${item.id}  ${item.title} (lectern restore ${item.id} undoes it)` };
  },
};

/** collection add / remove: the same shape, the other call. */
const membershipCommand = (verb: 'add' | 'remove', summary: string,
  call: (api: LecternApi, id: string, sourceIds: string[]) => Promise<CollectionChange>): Command => ({
  name: `collection ${verb}`,
  usage: `lectern collection ${verb} [--json] COLLECTION SOURCE_ID...`,
  summary,
  options: {},
  positionals: [2, Infinity],
  async run({ api, positionals }) {
    const [ref, ...ids] = positionals;
    const r = await call(api, (await findCollection(api, ref!)).id, ids);
    return { json: r, human: `${verb === 'add' ? 'added' : 'removed'} ${r.changed} source(s): ${line(r.collection)}` };
  },
});

const addCommand = membershipCommand('add', 'Add sources to a collection (all or none: an unknown source adds nothing).',
  (api, id, ids) => api.addToCollection(id, ids));
const removeCommand = membershipCommand('remove', 'Take sources out of a collection (they stay in the library).',
  (api, id, ids) => api.removeFromCollection(id, ids));

export const collectionCommands: Command[] = [listCommand, showCommand, createCommand, renameCommand, deleteCommand, addCommand, removeCommand];

// Published rankings: the official, unchangeable record of a period's ranking
// (docs/methodology.md, "Publication"), and their drift from the live one.
export { canPublish, publishRanking, PublicationError, type PublishInput } from './publish';
export {
  findPublishedFor,
  findPublishedRanking,
  getPublication,
  getPublishedRanking,
  listChain,
  listPublications,
  verifyPublication,
} from './read';
export { getDrift } from './drift';
export * from './schema';

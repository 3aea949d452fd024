import { Requests } from '../../server/src/protocol';

/** Every request an editor sends about a position of a document, with its params. */
export function editorRequests(uri: string, position: { line: number; character: number }): Array<[string, unknown]> {
  return [
    ['textDocument/hover', { textDocument: { uri }, position }],
    ['textDocument/definition', { textDocument: { uri }, position }],
    ['textDocument/references', { textDocument: { uri }, position, context: { includeDeclaration: true } }],
    ['textDocument/documentHighlight', { textDocument: { uri }, position }],
    ['textDocument/documentSymbol', { textDocument: { uri } }],
    ['textDocument/foldingRange', { textDocument: { uri } }],
    ['textDocument/codeLens', { textDocument: { uri } }],
    ['textDocument/semanticTokens/full', { textDocument: { uri } }],
    ['textDocument/inlayHint', { textDocument: { uri }, range: { start: position, end: position } }],
    ['textDocument/completion', { textDocument: { uri }, position }],
    ['textDocument/codeAction', { textDocument: { uri }, range: { start: position, end: position }, context: { diagnostics: [] } }],
    ['textDocument/prepareRename', { textDocument: { uri }, position }],
    ['textDocument/rename', { textDocument: { uri }, position, newName: 'Someone Else' }],
    [Requests.groupAt, { uri, position }],
    [Requests.variantNeighbor, { uri, position, direction: 1 }],
  ];
}

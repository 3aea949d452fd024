import * as vscode from 'vscode';
import type { ScopeParams } from '../../../server/src/protocol';
import { fileName } from '../locations';

/** What the views list: the story in the active editor, or every story in the workspace. */
export type ScopeMode = 'story' | 'workspace';

const MEMENTO_KEY = 'articleLens.viewScope';

/**
 * The scope shared by the Quotes, Actors and Sources views. In story mode it follows the active editor;
 * when the editor shows something that is not a story (the output, a settings page) it keeps the last
 * story, so the views do not empty themselves whenever the focus moves.
 */
export class ViewScope implements vscode.Disposable {
  private modeValue: ScopeMode;
  private story: vscode.Uri | undefined;
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly disposables: vscode.Disposable[] = [this.changed];

  /** Fires when what the views should list changed (mode, or the active story in story mode). */
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly memento: vscode.Memento,
    private readonly isStory: (document: vscode.TextDocument) => boolean,
  ) {
    this.modeValue = memento.get<ScopeMode>(MEMENTO_KEY) === 'story' ? 'story' : 'workspace';
    this.story = this.storyOf(vscode.window.activeTextEditor);
    void vscode.commands.executeCommand('setContext', 'articleLens.viewScope', this.modeValue);
    this.disposables.push(vscode.window.onDidChangeActiveTextEditor((editor) => this.follow(editor)));
  }

  get mode(): ScopeMode {
    return this.modeValue;
  }

  /** The story followed in story mode, if one was ever active. */
  get storyUri(): vscode.Uri | undefined {
    return this.story;
  }

  /** Request parameters for the current scope; undefined in story mode while no story is open (list nothing). */
  get params(): ScopeParams | undefined {
    if (this.modeValue === 'workspace') return {};
    return this.story ? { uri: this.story.toString() } : undefined;
  }

  /** "whole workspace" or the story's file name, for view descriptions. */
  get description(): string {
    if (this.modeValue === 'workspace') return 'whole workspace';
    return this.story ? fileName(this.story) : 'no story open';
  }

  /** Switches the mode, remembers it for this workspace and refreshes the views. */
  async setMode(mode: ScopeMode): Promise<void> {
    if (mode === this.modeValue) return;
    this.modeValue = mode;
    this.story = this.storyOf(vscode.window.activeTextEditor) ?? this.story;
    await this.memento.update(MEMENTO_KEY, mode);
    await vscode.commands.executeCommand('setContext', 'articleLens.viewScope', mode);
    this.changed.fire();
  }

  /** Re-reads the active editor, e.g. after the settings that decide what is a story changed. */
  refresh(): void {
    this.story = this.storyOf(vscode.window.activeTextEditor) ?? this.story;
    this.changed.fire();
  }

  private follow(editor: vscode.TextEditor | undefined): void {
    const story = this.storyOf(editor);
    if (!story || story.toString() === this.story?.toString()) return;
    this.story = story;
    if (this.modeValue === 'story') this.changed.fire();
  }

  private storyOf(editor: vscode.TextEditor | undefined): vscode.Uri | undefined {
    return editor && this.isStory(editor.document) ? editor.document.uri : undefined;
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

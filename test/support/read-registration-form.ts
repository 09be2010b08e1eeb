import { parse } from "parse5";
import type { DefaultTreeAdapterTypes } from "parse5";

type Element = DefaultTreeAdapterTypes.Element;
type ParentNode = DefaultTreeAdapterTypes.ParentNode;

export interface RegistrationForm {
  action: string | undefined;
  method: string | undefined;
  /** What the form posts when its "Register GitHub App" button is pressed: named fields and the button's own name=value. */
  fields: Record<string, string>;
}

/**
 * Reads the form that holds the `manifest` submit button the way a browser does (parse5 follows
 * the WHATWG HTML parsing rules, quirks of attribute quoting and character references included).
 */
export function readRegistrationForm(html: string): RegistrationForm {
  const forms = elements(parse(html)).filter((element) => element.tagName === "form");
  const form = forms.find((candidate) => elements(candidate).some((element) => isManifestButton(element)));
  if (!form) throw new Error(`no form with a "manifest" submit button in the page:\n${html}`);
  const fields: Record<string, string> = {};
  for (const element of elements(form)) {
    const name = attribute(element, "name");
    if (name === undefined) continue;
    if (isManifestButton(element)) fields[name] = attribute(element, "value") ?? "";
    else if (element.tagName === "input" && !["submit", "button", "image", "reset"].includes(attribute(element, "type") ?? "text")) fields[name] = attribute(element, "value") ?? "";
  }
  return { action: attribute(form, "action"), method: attribute(form, "method"), fields };
}

/** The text of the element with this id, as a browser shows it (character references decoded). */
export function textById(html: string, id: string): string {
  const element = elements(parse(html)).find((candidate) => attribute(candidate, "id") === id);
  if (!element) throw new Error(`no #${id} in the page:\n${html}`);
  return text(element);
}

function text(parent: ParentNode): string {
  return parent.childNodes.map((node) => ("value" in node ? node.value : "childNodes" in node ? text(node) : "")).join("");
}

function isManifestButton(element: Element): boolean {
  const type = attribute(element, "type") ?? "submit";
  return attribute(element, "name") === "manifest" && ((element.tagName === "button" && type === "submit") || (element.tagName === "input" && type === "submit"));
}

function attribute(element: Element, name: string): string | undefined {
  return element.attrs.find((attr) => attr.name === name)?.value;
}

function elements(parent: ParentNode): Element[] {
  const found: Element[] = [];
  for (const node of parent.childNodes) {
    if (!("tagName" in node)) continue;
    found.push(node);
    found.push(...elements("content" in node ? node.content : node));
  }
  return found;
}

/** One annotation as the Checks API takes it: what a verifier's finding becomes on its check run. */
export interface CheckAnnotation {
  path: string;
  start_line: number;
  end_line: number;
  annotation_level: "notice" | "warning" | "failure";
  title?: string;
  message: string;
}

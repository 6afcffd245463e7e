;;; delib-eglot.el --- the delib language server in Emacs, through Eglot  -*- lexical-binding: t; -*-

;; Eglot is built into Emacs 29 (a package for Emacs 26-28). Load this file from init.el, then
;; open a deliberation and run M-x eglot (or add `eglot-ensure' to `text-mode-hook').

(with-eval-after-load 'eglot
  (add-to-list 'eglot-server-programs '(text-mode . ("delib" "lsp"))))

;; Sent to the server as workspace/didChangeConfiguration: the profile to apply.
(setq-default eglot-workspace-configuration '(:delib (:profile "default" :debounce 200)))

;;; delib-eglot.el ends here

from crampcoach.cli import main

raise SystemExit(main())

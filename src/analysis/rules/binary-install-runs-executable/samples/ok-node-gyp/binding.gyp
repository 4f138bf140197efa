{ 'targets': [ { 'target_name': 'thing', 'sources': [ 'src/thing.cc' ] } ] }
